#include "tests/http/api_harness.hpp"

#include <catch2/catch.hpp>

using namespace kompetens;
using test::api_harness;

namespace {
unsigned only(core::role r)
{
    return static_cast<unsigned>(r);
}
} // namespace

TEST_CASE_METHOD(
    api_harness,
    "login hands out a refresh token that rotates; a replayed one ends the session",
    "[http][auth]"
)
{
    auto login = call("POST", "/api/v1/auth/login", R"({"username":"hr-a","password":"lösenord-för-test"})");
    REQUIRE(login.status == 200);
    CHECK(header(login, "Cache-Control") == "no-store");
    auto const first = json_of(login);
    auto const refresh1 = text(first, "refresh_token");

    auto r2 = call("POST", "/api/v1/auth/refresh", R"({"refresh_token":")" + refresh1 + "\"}");
    REQUIRE(r2.status == 200);
    auto const access2 = text(json_of(r2), "access_token");
    CHECK(call("GET", "/api/v1/me", "", access2).status == 200);

    auto replay = call("POST", "/api/v1/auth/refresh", R"({"refresh_token":")" + refresh1 + "\"}");
    CHECK(replay.status == 401);
    CHECK(call("GET", "/api/v1/me", "", access2).status == 401);
    CHECK(call("GET", "/api/v1/me", "", text(first, "access_token")).status == 401);
}

TEST_CASE_METHOD(
    api_harness, "sign-in attempts are throttled per address and per account with 429", "[http][auth]"
)
{
    remote_address = "192.0.2.10";
    int limited = 0;
    std::string retry;
    for (int i = 0; i < 25; ++i)
    {
        auto r = call(
            "POST",
            "/api/v1/auth/login",
            R"({"username":"nobody-)" + std::to_string(i) + R"(","password":"x"})"
        );
        if (r.status == 429)
        {
            ++limited;
            retry = header(r, "Retry-After");
            CHECK(text(json_of(r), "code") == "too_many_requests");
        }
        else
            CHECK(r.status == 401);
    }
    CHECK(limited == 5); // 20 attempts a minute per address
    CHECK_FALSE(retry.empty());
    remote_address.clear();

    // Per account, across addresses: ten wrong passwords lock it.
    for (int i = 0; i < 10; ++i)
        CHECK(call("POST", "/api/v1/auth/login", R"({"username":"staff-a","password":"fel"})").status == 401);
    auto locked =
        call("POST", "/api/v1/auth/login", R"({"username":"staff-a","password":"lösenord-för-test"})");
    CHECK(locked.status == 429);
    CHECK(header(locked, "Retry-After") == "900");
}

TEST_CASE_METHOD(
    api_harness,
    "a phone registers, works with device-bound tokens, and is revoked when lost",
    "[http][devices]"
)
{
    std::string const device = "01a207fe-0000-7000-8000-0000000000d1";
    auto reg = call(
        "POST",
        "/api/v1/devices",
        R"({"device_id":")" + device + R"(","name":"Telefon","platform":"android"})",
        staff_a
    );
    REQUIRE(reg.status == 201);
    auto const tokens = json_of(reg);
    auto const access = text(tokens, "access_token");
    CHECK(text(json_of(call("GET", "/api/v1/me", "", access)), "device_id") == device);

    // Another user cannot take the id; a refresh must name the device it belongs to.
    CHECK(
        call("POST", "/api/v1/devices", R"({"device_id":")" + device + R"(","platform":"ios"})", hr_a)
            .status == 409
    );
    CHECK(
        call("POST", "/api/v1/auth/refresh", R"({"refresh_token":")" + text(tokens, "refresh_token") + "\"}")
            .status == 401
    );
    auto renewed = call(
        "POST",
        "/api/v1/auth/refresh",
        R"({"refresh_token":")" + text(tokens, "refresh_token") + R"(","device_id":")" + device + "\"}"
    );
    REQUIRE(renewed.status == 200);
    auto const access2 = text(json_of(renewed), "access_token");

    auto listed = json_of(call("GET", "/api/v1/devices", "", staff_a)).at("items").as_array();
    REQUIRE(listed.size() == 1);
    CHECK(call("POST", "/api/v1/devices/" + device + "/wipe", "", staff_a).status == 200);
    CHECK(
        call("POST", "/api/v1/devices/" + device + "/revoke", "", hr_b).status == 404
    ); // other organisation
    CHECK(call("POST", "/api/v1/devices/" + device + "/revoke", "", admin_a).status == 200);
    CHECK(call("GET", "/api/v1/me", "", access2).status == 401);
    auto after = json_of(call("GET", "/api/v1/devices", "", staff_a)).at("items").as_array()[0].as_object();
    CHECK_FALSE(after.at("revoked_at").is_null());
    CHECK_FALSE(after.at("wipe_requested_at").is_null());
}

TEST_CASE_METHOD(
    api_harness,
    "an administrator creates and disables accounts; the disabled one is out at once",
    "[http][accounts]"
)
{
    auto made = call(
        "POST",
        "/api/v1/accounts",
        R"({"username":"ny-chef","password":"ett långt lösenord","roles":["manager","staff"]})",
        admin_a
    );
    REQUIRE(made.status == 201);
    auto const id = text(json_of(made), "id");
    CHECK(
        call(
            "POST",
            "/api/v1/accounts",
            R"({"username":"x","password":"ett långt lösenord","roles":["system"]})",
            admin_a
        )
            .status == 400
    );
    CHECK(
        call(
            "POST",
            "/api/v1/accounts",
            R"({"username":"y","password":"ett långt lösenord","roles":["staff"]})",
            hr_a
        )
            .status == 403
    );

    auto login =
        call("POST", "/api/v1/auth/login", R"({"username":"ny-chef","password":"ett långt lösenord"})");
    REQUIRE(login.status == 200);
    auto const token = text(json_of(login), "access_token");
    CHECK(call("GET", "/api/v1/me", "", token).status == 200);
    CHECK(call("POST", "/api/v1/accounts/" + id + "/disable", "", admin_a).status == 200);
    CHECK(call("GET", "/api/v1/me", "", token).status == 401);
    CHECK(call("POST", "/api/v1/accounts/" + id + "/disable", "", hr_b).status == 403);

    auto list = json_of(call("GET", "/api/v1/accounts", "", admin_a)).at("items").as_array();
    bool found_disabled = false;
    for (auto const& a : list)
    {
        CHECK_FALSE(a.as_object().contains("password_hash"));
        if (a.as_object().at("id").as_string() == id)
            found_disabled = a.as_object().at("disabled").as_bool();
    }
    CHECK(found_disabled);
}

TEST_CASE_METHOD(
    api_harness, "staff read their own record only; managers the people of their units", "[http][scopes]"
)
{
    auto const north = unit(hr_a, "Norr");
    auto const south = unit(hr_a, "Söder");
    auto const me = person(hr_a, "Stina", north);
    auto const colleague = person(hr_a, "Kalle", north);
    auto const boss = person(hr_a, "Chefen", north);
    auto const far = person(hr_a, "Långt", south);
    auto const stina = account_token(org_a, "stina", only(core::role::staff), me);
    auto const chef = account_token(org_a, "chef", core::role::manager | core::role::staff, boss);

    auto own = call("GET", "/api/v1/employees/" + me, "", stina);
    REQUIRE(own.status == 200);
    CHECK(text(json_of(own), "birth_date") == "1970-01-02"); // one's own birth date is visible
    CHECK(call("GET", "/api/v1/employees/" + me + "/employments", "", stina).status == 200);
    auto theirs = call("GET", "/api/v1/employees/" + colleague, "", stina);
    CHECK(theirs.status == 404);
    CHECK(call("GET", "/api/v1/employees/" + colleague + "/employments", "", stina).status == 404);
    CHECK(call("GET", "/api/v1/employees", "", stina).status == 403);

    auto managed = call("GET", "/api/v1/employees/" + colleague, "", chef);
    REQUIRE(managed.status == 200);
    CHECK_FALSE(json_of(managed).contains("birth_date")); // restricted to HR and the person
    CHECK(call("GET", "/api/v1/employees/" + far, "", chef).status == 404);
    auto listed = call("GET", "/api/v1/employees?unit_id=" + north, "", chef);
    REQUIRE(listed.status == 200);
    CHECK(json_of(listed).at("items").as_array().size() == 3);
    CHECK(call("GET", "/api/v1/employees?unit_id=" + south, "", chef).status == 403);
    CHECK(call("GET", "/api/v1/employees", "", chef).status == 403);
}

TEST_CASE_METHOD(
    api_harness,
    "reads of another person's record land in the audit trail the medical lead reads",
    "[http][audit]"
)
{
    auto const north = unit(hr_a, "Norr");
    auto const someone = person(hr_a, "Sigrid", north);
    REQUIRE(call("GET", "/api/v1/employees/" + someone, "", hr_a, {{"X-Unused", "x"}}).status == 200);
    auto const mas = account_token(org_a, "mas-a", only(core::role::medical_lead));

    auto q = call("GET", "/api/v1/audit?entity_id=" + someone, "", mas);
    REQUIRE(q.status == 200);
    std::vector<std::string> actions;
    auto const found = json_of(q); // keep the document alive across the loop
    for (auto const& e : found.at("items").as_array())
        actions.emplace_back(e.as_object().at("action").as_string());
    CHECK(actions == std::vector<std::string>{"employee.create", "employee.read"});
    auto const item = json_of(q).at("items").as_array()[1].as_object();
    CHECK(item.at("request_id").as_string() == "test-rid");

    CHECK(call("GET", "/api/v1/audit", "", hr_a).status == 403);
    CHECK(call("GET", "/api/v1/audit?after=-1", "", mas).status == 400);
    auto v = call("GET", "/api/v1/audit/verify", "", mas);
    REQUIRE(v.status == 200);
    CHECK(json_of(v).at("intact").as_bool());
    CHECK(json_of(v).at("checked").as_int64() > 5);
    // The audit trail shows names nowhere: ids only.
    CHECK(q.body.find("Sigrid") == std::string::npos);
}

TEST_CASE_METHOD(
    api_harness,
    "HR records a nurse's legitimation; the nurse and the medical lead can see it",
    "[http][legitimation]"
)
{
    auto const health = unit(hr_a, "Hälso- och sjukvård");
    auto const nurse = person(hr_a, "Nadia", health);
    auto const colleague = person(hr_a, "Kim", health);
    auto const nadia = account_token(org_a, "nadia", core::role::delegator | core::role::staff, nurse);
    auto const kim = account_token(org_a, "kim", only(core::role::staff), colleague);
    auto const mas = account_token(org_a, "mas-l", only(core::role::medical_lead));
    auto const path = "/api/v1/employees/" + nurse + "/legitimations";

    auto made = call(
        "POST",
        path,
        R"({"profession":"registered_nurse","registry_ref":"9901234","verified_on":"2026-11-20"})",
        hr_a
    );
    REQUIRE(made.status == 201);
    CHECK(text(json_of(made), "verified_by").size() == 36);
    auto future = call(
        "POST",
        path,
        R"({"profession":"registered_nurse","registry_ref":"9901234","verified_on":"2027-01-01"})",
        hr_a
    );
    CHECK(future.status == 400);
    CHECK(text(json_of(future), "field") == "/verified_on");
    CHECK(
        text(
            json_of(call(
                "POST",
                path,
                R"({"profession":"assistant_nurse","registry_ref":"1","verified_on":"2026-11-20"})",
                hr_a
            )),
            "field"
        ) == "/profession"
    );
    CHECK(
        call(
            "POST",
            path,
            R"({"profession":"registered_nurse","registry_ref":"1","verified_on":"2026-11-20"})",
            nadia
        )
            .status == 403
    );

    auto own = call("GET", path, "", nadia);
    REQUIRE(own.status == 200);
    CHECK(json_of(own).at("items").as_array().size() == 1);
    CHECK(call("GET", path, "", mas).status == 200);
    CHECK(call("GET", path, "", kim).status == 404);
}
