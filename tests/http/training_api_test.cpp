#include "tests/http/api_harness.hpp"

#include <catch2/catch.hpp>

using namespace kompetens;
using test::api_harness;

TEST_CASE_METHOD(
    api_harness,
    "a hire through the API gets the rules' courses; staff complete, managers attest",
    "[http][training]"
)
{
    auto const course = call(
        "POST",
        "/api/v1/courses",
        R"({"code":"HLR","title":"Hjärt-lungräddning","kind":"classroom","validity_months":12,"renewal_window_days":30})",
        hr_a
    );
    REQUIRE(course.status == 201);
    auto const hlr = text(json_of(course), "id");
    CHECK(json_of(course).at("current_version").as_object().at("number").as_int64() == 1);
    auto const rule = call(
        "POST",
        "/api/v1/requirement-rules",
        R"({"course_id":")" + hlr + R"(","scope_kind":"unit_kind","scope_value":"home_care","due_days":30})",
        hr_a
    );
    REQUIRE(rule.status == 201);

    // Hired after the rule exists: the employment route runs the engine in the same transaction.
    auto const home = unit(hr_a, "Hemtjänst Väst");
    auto const boss = person(hr_a, "Chef", home);
    auto const ida = person(hr_a, "Ida", home);
    auto const ida_token = account_token(org_a, "ida", static_cast<unsigned>(core::role::staff), ida);
    auto const boss_token = account_token(org_a, "chef", core::role::manager | core::role::staff, boss);

    auto mine = json_of(call("GET", "/api/v1/me/training", "", ida_token)).at("items").as_array();
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].as_object().at("status").as_string() == "assigned");
    CHECK(mine[0].as_object().at("course_code").as_string() == "HLR");
    CHECK(
        mine[0].as_object().at("due_date").as_string() == "2026-12-23"
    ); // her 2020 start is older than the rule

    auto const report = call(
        "POST",
        "/api/v1/training-records",
        R"({"employee_id":")" + ida + R"(","course_id":")" + hlr + R"(","completed_on":"2026-11-20"})",
        ida_token
    );
    REQUIRE(report.status == 201);
    CHECK_FALSE(json_of(report).at("attested").as_bool());
    CHECK(
        json_of(call("GET", "/api/v1/me/training", "", ida_token))
            .at("items")
            .as_array()[0]
            .as_object()
            .at("status")
            .as_string() == "completed_unattested"
    );
    CHECK(
        call("POST", "/api/v1/training-records/" + text(json_of(report), "id") + "/attest", "", ida_token)
            .status == 403
    );
    REQUIRE(
        call("POST", "/api/v1/training-records/" + text(json_of(report), "id") + "/attest", "", boss_token)
            .status == 200
    );

    auto matrix =
        json_of(call("GET", "/api/v1/units/" + home + "/compliance", "", boss_token)).at("items").as_array();
    REQUIRE(matrix.size() == 2); // the manager works there too and is held to the same rule
    bool ida_valid = false;
    for (auto const& row : matrix)
        if (row.as_object().at("employee_id").as_string() == ida)
            ida_valid = row.as_object().at("status").as_string() == "valid";
    CHECK(ida_valid);

    // Moving Ida to a residential unit takes the home-care requirement away (her record stays).
    auto const res = call("POST", "/api/v1/units", R"({"name":"Solgården","kind":"residential"})", hr_a);
    auto const jobs =
        json_of(call("GET", "/api/v1/employees/" + ida + "/employments", "", hr_a)).at("items").as_array();
    auto const job = std::string(jobs[0].as_object().at("id").as_string());
    REQUIRE(
        call(
            "PATCH",
            "/api/v1/employments/" + job,
            R"({"unit_ids":[")" + text(json_of(res), "id") + "\"]}",
            hr_a,
            {{"If-Match", "\"1\""}}
        ).status == 200
    );
    CHECK(json_of(call("GET", "/api/v1/me/training", "", ida_token)).at("items").as_array().empty());
}

TEST_CASE_METHOD(api_harness, "training input is checked field by field", "[http][training]")
{
    auto field = [&](std::string const& path, std::string const& body) {
        return text(json_of(call("POST", path, body, hr_a)), "field");
    };
    CHECK(field("/api/v1/courses", R"({"code":"bad code","title":"x","kind":"classroom"})") == "/code");
    CHECK(field("/api/v1/courses", R"({"code":"OK","title":"x","kind":"seminar"})") == "/kind");
    CHECK(
        field("/api/v1/courses", R"({"code":"OK","title":"x","kind":"classroom","validity_months":1.5})") ==
        "/validity_months"
    );
    CHECK(
        field(
            "/api/v1/requirement-rules",
            R"({"course_id":"01a207fe-0000-7000-8000-000000000000","scope_kind":"organisation"})"
        ) == "/course_id"
    );
    CHECK(field("/api/v1/assignments", R"({"course_id":"x","due_date":"2026-12-01"})") == "/employee_ids");
    auto dup = call("POST", "/api/v1/courses", R"({"code":"DUP","title":"x","kind":"classroom"})", hr_a);
    REQUIRE(dup.status == 201);
    CHECK(
        call("POST", "/api/v1/courses", R"({"code":"DUP","title":"y","kind":"classroom"})", hr_a).status ==
        409
    );
}
