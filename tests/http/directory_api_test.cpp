#include "tests/http/api_harness.hpp"

#include <catch2/catch.hpp>

using namespace kompetens;
using test::api_harness;

namespace {
std::string header_of(http::response const& r, std::string const& name)
{
    for (auto const& [k, v] : r.headers)
        if (k == name)
            return v;
    return "";
}
} // namespace

TEST_CASE_METHOD(api_harness, "HR builds a unit tree and hires someone into it", "[http][directory]")
{
    auto root = call("POST", "/api/v1/units", R"({"name":"Äldreomsorg","kind":"other"})", hr_a);
    REQUIRE(root.status == 201);
    CHECK(header_of(root, "ETag") == "\"1\"");
    auto const root_id = text(json_of(root), "id");
    auto home = call(
        "POST",
        "/api/v1/units",
        R"({"name":"Hemtjänst Väst","kind":"home_care","parent_id":")" + root_id + "\"}",
        hr_a
    );
    REQUIRE(home.status == 201);
    auto const home_id = text(json_of(home), "id");

    auto emp = call(
        "POST",
        "/api/v1/employees",
        R"({"given_name":"Leila","family_name":"Nilsson","birth_date":"1961-03-31","gender":"female"})",
        hr_a
    );
    REQUIRE(emp.status == 201);
    auto const emp_id = text(json_of(emp), "id");

    auto job = call(
        "POST",
        "/api/v1/employees/" + emp_id + "/employments",
        R"({"profession":"assistant_nurse","form":"permanent","start_date":"2019-08-15","fte":0.75,"unit_ids":[")" +
            home_id + "\"]}",
        hr_a
    );
    REQUIRE(job.status == 201);
    auto const jo = json_of(job);
    CHECK(jo.at("fte").as_double() == 0.75);
    CHECK(jo.at("end_date").is_null());

    auto listed = call("GET", "/api/v1/employees?unit_id=" + home_id, "", hr_a);
    REQUIRE(listed.status == 200);
    auto items = json_of(listed).at("items").as_array();
    REQUIRE(items.size() == 1);
    CHECK(items[0].as_object().at("id").as_string() == emp_id);
    CHECK(items[0].as_object().at("birth_date").as_string() == "1961-03-31");

    // The administrator may keep the directory but does not see birth dates.
    auto as_admin = call("GET", "/api/v1/employees/" + emp_id, "", admin_a);
    REQUIRE(as_admin.status == 200);
    CHECK_FALSE(json_of(as_admin).contains("birth_date"));

    // Ending the employment needs the version that was read.
    auto const job_id = text(jo, "id");
    CHECK(call("PATCH", "/api/v1/employments/" + job_id, R"({"end_date":"2026-12-31"})", hr_a).status == 428);
    auto ended = call(
        "PATCH",
        "/api/v1/employments/" + job_id,
        R"({"end_date":"2026-12-31"})",
        hr_a,
        {{"If-Match", "\"1\""}}
    );
    REQUIRE(ended.status == 200);
    CHECK(text(json_of(ended), "end_date") == "2026-12-31");
    CHECK(header_of(ended, "ETag") == "\"2\"");
    auto stale =
        call("PATCH", "/api/v1/employments/" + job_id, R"({"fte":0.5})", hr_a, {{"If-Match", "\"1\""}});
    CHECK(stale.status == 412);
    CHECK(text(json_of(stale), "code") == "version_mismatch");
    CHECK(
        call(
            "PATCH", "/api/v1/employments/" + job_id, R"({"fte":0.5})", hr_a, {{"If-Match", "W/1"}}
        ).status == 400
    );
}

TEST_CASE_METHOD(
    api_harness, "a retried create with the same Idempotency-Key creates once", "[http][idempotency]"
)
{
    std::string const body = R"({"name":"Solgården","kind":"residential"})";
    http::header_list key{{"Idempotency-Key", "phone-42-create-unit-1"}};
    auto first = call("POST", "/api/v1/units", body, hr_a, key);
    auto again = call("POST", "/api/v1/units", body, hr_a, key);
    REQUIRE(first.status == 201);
    REQUIRE(again.status == 201);
    CHECK(text(json_of(first), "id") == text(json_of(again), "id"));
    CHECK(header_of(again, "Idempotent-Replayed") == "true");
    CHECK(json_of(call("GET", "/api/v1/units", "", hr_a)).at("items").as_array().size() == 1);

    auto other = call("POST", "/api/v1/units", R"({"name":"Annat","kind":"residential"})", hr_a, key);
    CHECK(other.status == 422);
    CHECK(text(json_of(other), "code") == "idempotency_key_reused");

    // A refused create stores nothing under its key: the corrected retry goes through.
    http::header_list key2{{"Idempotency-Key", "phone-42-create-unit-2"}};
    CHECK(call("POST", "/api/v1/units", R"({"name":"X","kind":"nope"})", hr_a, key2).status == 400);
    CHECK(call("POST", "/api/v1/units", R"({"name":"X","kind":"other"})", hr_a, key2).status == 201);
    CHECK(
        call("POST", "/api/v1/units", body, hr_a, {{"Idempotency-Key", std::string(129, 'k')}}).status == 400
    );
}

TEST_CASE_METHOD(
    api_harness, "another organisation's records answer 404, exactly like missing ones", "[http][tenancy]"
)
{
    auto unit_b = call("POST", "/api/v1/units", R"({"name":"B-enheten","kind":"other"})", hr_b);
    REQUIRE(unit_b.status == 201);
    auto const id_b = text(json_of(unit_b), "id");
    auto theirs = call("GET", "/api/v1/units/" + id_b, "", hr_a);
    auto missing = call("GET", "/api/v1/units/01a207fe-0000-7000-8000-000000000000", "", hr_a);
    CHECK(theirs.status == 404);
    CHECK(missing.status == 404);
    CHECK(text(json_of(theirs), "detail") == text(json_of(missing), "detail"));
    CHECK(
        call("PATCH", "/api/v1/units/" + id_b, R"({"name":"Kapad"})", hr_a, {{"If-Match", "\"1\""}}).status ==
        404
    );
    CHECK(call("GET", "/api/v1/organisations/" + org_b, "", hr_a).status == 404);
    CHECK(call("GET", "/api/v1/organisations/" + org_a, "", hr_a).status == 200);
    CHECK(call("GET", "/api/v1/units/not-a-uuid", "", hr_a).status == 404);
}

TEST_CASE_METHOD(
    api_harness, "lists page with an opaque cursor and refuse bad paging input", "[http][pagination]"
)
{
    for (int i = 0; i < 7; ++i)
        REQUIRE(
            call("POST", "/api/v1/units", R"({"name":"E)" + std::to_string(i) + R"(","kind":"other"})", hr_a)
                .status == 201
        );
    auto p1 = json_of(call("GET", "/api/v1/units?limit=5", "", hr_a));
    CHECK(p1.at("items").as_array().size() == 5);
    auto const cursor = text(p1, "next_cursor");
    auto p2 = json_of(call("GET", "/api/v1/units?limit=5&after=" + cursor, "", hr_a));
    CHECK(p2.at("items").as_array().size() == 2);
    CHECK_FALSE(p2.contains("next_cursor"));

    auto zero = call("GET", "/api/v1/units?limit=0", "", hr_a);
    CHECK(zero.status == 400);
    CHECK(text(json_of(zero), "field") == "limit");
    CHECK(call("GET", "/api/v1/units?limit=501", "", hr_a).status == 400);
    CHECK(call("GET", "/api/v1/units?limit=ten", "", hr_a).status == 400);
    auto bad_cursor = call("GET", "/api/v1/units?after=%27%20or%201%3D1", "", hr_a);
    CHECK(bad_cursor.status == 400);
    CHECK(text(json_of(bad_cursor), "field") == "after");
    CHECK(call("GET", "/api/v1/units?kind=hospital", "", hr_a).status == 400);
    CHECK(call("GET", "/api/v1/employees?active_on=2026-02-30", "", hr_a).status == 400);
}

TEST_CASE_METHOD(api_harness, "employment input is checked field by field", "[http][directory]")
{
    auto emp = call("POST", "/api/v1/employees", R"({"given_name":"Omar","family_name":"Ali"})", hr_a);
    REQUIRE(emp.status == 201);
    auto const path = "/api/v1/employees/" + text(json_of(emp), "id") + "/employments";
    auto field = [&](std::string const& body) {
        return text(json_of(call("POST", path, body, hr_a)), "field");
    };
    CHECK(
        field(
            R"({"profession":"assistant_nurse","form":"permanent","start_date":"2024-01-01","unit_ids":["01a207fe-0000-7000-8000-000000000000"]})"
        ) == "/unit_ids/0"
    );
    CHECK(
        field(
            R"({"profession":"assistant_nurse","form":"permanent","start_date":"2024-01-01","fte":1.5,"unit_ids":[]})"
        ) == "/fte"
    );
    CHECK(
        field(
            R"({"profession":"assistant_nurse","form":"permanent","start_date":"2024-01-01","fte":0.3333,"unit_ids":[]})"
        ) == "/fte"
    );
    CHECK(
        field(R"({"profession":"assistant_nurse","form":"permanent","start_date":"2024-01-01"})") ==
        "/unit_ids"
    );
    CHECK(
        field(
            R"({"profession":"assistant_nurse","form":"permanent","start_date":"2024-01-01","unit_ids":[7]})"
        ) == "/unit_ids/0"
    );
    CHECK(
        field(R"({"profession":"surgeon","form":"permanent","start_date":"2024-01-01","unit_ids":["x"]})") ==
        "/profession"
    );
    CHECK(
        call(
            "POST",
            "/api/v1/employees/01a207fe-0000-7000-8000-000000000000/employments",
            R"({"profession":"assistant_nurse","form":"permanent","start_date":"2024-01-01","unit_ids":["x"]})",
            hr_a
        )
            .status == 404
    );
}

TEST_CASE_METHOD(api_harness, "only the installation operator creates organisations", "[http][directory]")
{
    CHECK(
        call("POST", "/api/v1/organisations", R"({"name":"Ny","kind":"municipality"})", hr_a).status == 403
    );
    CHECK(
        call("POST", "/api/v1/organisations", R"({"name":"Ny","kind":"municipality"})", admin_a).status == 403
    );
    auto listed = json_of(call("GET", "/api/v1/organisations", "", staff_a));
    REQUIRE(listed.at("items").as_array().size() == 1);
    CHECK(listed.at("items").as_array()[0].as_object().at("id").as_string() == org_a);
}
