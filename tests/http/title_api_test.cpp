// The protected title undersköterska: HR records the status with its evidence; the transitional right
// counts through 2033-06-30 and not a day longer; colleagues cannot read each other's status.
#include "server/core/calendar.hpp"
#include "tests/http/api_harness.hpp"

#include <soci/soci.h>

using namespace kompetens;
using namespace kompetens::test;

namespace {

struct title_fixture : api_harness
{
    std::string home = unit(hr_a, "Hemtjänst Norr");
    std::string sara = person(hr_a, "Sara", home);
    std::string omar = person(hr_a, "Omar", home);
    std::string sara_t = account_token(org_a, "sara", static_cast<unsigned>(core::role::staff), sara);
    std::string omar_t = account_token(org_a, "omar", static_cast<unsigned>(core::role::staff), omar);

    http::response put(std::string const& who, std::string const& body, int version, std::string const& token)
    {
        return call(
            "PUT",
            "/api/v1/employees/" + who + "/title",
            body,
            token,
            {{"If-Match", "\"" + std::to_string(version) + "\""}}
        );
    }

    boost::json::object title_of(std::string const& who, std::string const& token)
    {
        auto r = call("GET", "/api/v1/employees/" + who + "/title", "", token);
        REQUIRE(r.status == 200);
        return json_of(r);
    }

    std::string login(std::string const& username)
    {
        auto r = call(
            "POST",
            "/api/v1/auth/login",
            R"({"username":")" + username + R"(","password":"lösenord-för-test"})"
        );
        REQUIRE(r.status == 200);
        return text(json_of(r), "access_token");
    }

    void at(char const* day)
    {
        auto const d = core::parse_iso_date(day);
        REQUIRE(d);
        clock.set(std::chrono::sys_days{*d}.time_since_epoch().count() * 86'400'000LL + 12 * 3'600'000LL);
    }
};

constexpr char const* transitional =
    R"({"status":"transitional_right","evidence":"Intyg från Vårdbolaget: tillsvidareanställd usk 2023-07-01"})";

} // namespace

TEST_CASE_METHOD(
    title_fixture, "a person never given a status has none and may not use the title", "[http][title]"
)
{
    auto const t = title_of(sara, hr_a);
    CHECK(t.at("status").as_string() == "none");
    CHECK_FALSE(t.at("may_use_title").as_bool());
    CHECK(t.at("version").as_int64() == 0);
}

TEST_CASE_METHOD(
    title_fixture, "the transitional right counts through 2033-06-30 and stops on 2033-07-01", "[http][title]"
)
{
    REQUIRE(put(sara, transitional, 0, hr_a).status == 200);

    at("2033-06-30");
    auto hr = login("hr-a");
    auto last_day = title_of(sara, hr);
    CHECK(last_day.at("effective_status").as_string() == "transitional_right");
    CHECK(last_day.at("may_use_title").as_bool());
    auto report = json_of(call("GET", "/api/v1/reports/title-transition", "", hr));
    REQUIRE(report.at("items").as_array().size() == 1);
    CHECK(report.at("items").as_array()[0].at("days_left").as_int64() == 0);
    CHECK_FALSE(report.at("items").as_array()[0].at("right_ended").as_bool());

    at("2033-07-01");
    hr = login("hr-a");
    auto after = title_of(sara, hr);
    CHECK(after.at("status").as_string() == "transitional_right"); // what was recorded stays recorded
    CHECK(after.at("effective_status").as_string() == "none");
    CHECK_FALSE(after.at("may_use_title").as_bool());
    report = json_of(call("GET", "/api/v1/reports/title-transition", "", hr));
    REQUIRE(report.at("items").as_array().size() == 1);
    CHECK(report.at("items").as_array()[0].at("right_ended").as_bool());
    // Nobody can be given the right after it ended.
    auto late = put(omar, transitional, 0, hr);
    CHECK(late.status == 409);
    CHECK(text(json_of(late), "code") == "invalid_state");
}

TEST_CASE_METHOD(
    title_fixture,
    "applying for the certificate keeps the transitional right; a grant ends the need to apply",
    "[http][title]"
)
{
    REQUIRE(put(sara, transitional, 0, hr_a).status == 200);
    REQUIRE(put(omar, R"({"status":"certificate_applied"})", 0, hr_a).status == 200);
    auto report = json_of(call("GET", "/api/v1/reports/title-transition", "", hr_a));
    REQUIRE(report.at("items").as_array().size() == 1);                         // Omar never had the right
    CHECK(report.at("items").as_array()[0].at("days_left").as_int64() == 2411); // 2026-11-23 → 2033-06-30

    auto applied = put(sara, R"({"status":"certificate_applied","decided_on":"2026-11-20"})", 1, hr_a);
    REQUIRE(applied.status == 200);
    CHECK(json_of(applied).at("may_use_title").as_bool()); // still on the transitional right
    CHECK(json_of(applied).at("transitional_right").as_bool());
    report = json_of(call("GET", "/api/v1/reports/title-transition", "", hr_a));
    REQUIRE(report.at("items").as_array().size() == 1);
    CHECK(report.at("items").as_array()[0].at("status").as_string() == "certificate_applied");

    auto granted =
        put(sara, R"({"status":"granted","evidence":"Bevis Socialstyrelsen 2026-11-22"})", 2, hr_a);
    REQUIRE(granted.status == 200);
    CHECK(json_of(granted).at("may_use_title").as_bool());
    CHECK(json_of(call("GET", "/api/v1/reports/title-transition", "", hr_a)).at("items").as_array().empty());
    at("2040-01-01");
    CHECK(title_of(sara, login("hr-a")).at("may_use_title").as_bool()); // a certificate does not end
}

TEST_CASE_METHOD(title_fixture, "the rules of a title change, each refused with its field", "[http][title]")
{
    auto code_field = [&](http::response const& r) {
        auto const j = json_of(r);
        return text(j, "code") + " " + text(j, "field");
    };
    CHECK(
        code_field(put(sara, R"({"status":"transitional_right"})", 0, hr_a)) == "validation_failed /evidence"
    );
    CHECK(
        code_field(put(sara, R"({"status":"granted","evidence":"x"})", 0, hr_a)) == "invalid_state /status"
    );
    CHECK(code_field(put(sara, R"({"status":"famous"})", 0, hr_a)) == "validation_failed /status");
    CHECK(
        code_field(put(sara, R"({"status":"certificate_applied","decided_on":"2027-01-01"})", 0, hr_a)) ==
        "validation_failed /decided_on"
    );
    REQUIRE(put(sara, R"({"status":"certificate_applied"})", 0, hr_a).status == 200);
    // A stale version is a conflict, never a silent overwrite.
    CHECK(put(sara, R"({"status":"rejected"})", 0, hr_a).status == 409);
    CHECK(put(sara, R"({"status":"rejected"})", 1, hr_a).status == 200);
    CHECK(call("PUT", "/api/v1/employees/" + sara + "/title", R"({"status":"none"})", hr_a).status == 428);
}

TEST_CASE_METHOD(
    title_fixture,
    "staff read their own title status, not a colleague's, and cannot change it",
    "[http][title]"
)
{
    REQUIRE(put(sara, transitional, 0, hr_a).status == 200);
    CHECK(title_of(sara, sara_t).at("may_use_title").as_bool());
    CHECK(call("GET", "/api/v1/employees/" + sara + "/title", "", omar_t).status == 404);
    CHECK(put(sara, R"({"status":"none"})", 1, sara_t).status == 403);
    CHECK(call("GET", "/api/v1/reports/title-transition", "", sara_t).status == 403);
    // Another organisation's HR does not see that the person exists.
    CHECK(call("GET", "/api/v1/employees/" + sara + "/title", "", hr_b).status == 404);
    // The trail names the change, never the evidence.
    storage::unit_of_work uow{*db, storage::access_mode::read};
    long long n = 0;
    uow.sql() << "select count(*) from audit_event where action = 'title.transitional_right'", soci::into(n);
    CHECK(n == 1);
}

TEST_CASE_METHOD(title_fixture, "the transition report as CSV for the HR office", "[http][title]")
{
    REQUIRE(put(sara, transitional, 0, hr_a).status == 200);
    auto r = call("GET", "/api/v1/reports/title-transition?format=csv", "", hr_a);
    REQUIRE(r.status == 200);
    CHECK(r.content_type.rfind("text/csv", 0) == 0);
    CHECK(
        r.body == "employee_id,status,right_ended,days_left\r\n" + sara + ",transitional_right,false,2411\r\n"
    );
}

TEST_CASE_METHOD(
    title_fixture, "HR and the person see the LAS date; a colleague cannot read it", "[http][career]"
)
{
    // The harness's people are born 1970-01-02: 69 in January 2039.
    auto r = call("GET", "/api/v1/employees/" + sara + "/career", "", sara_t);
    REQUIRE(r.status == 200);
    auto const c = json_of(r);
    CHECK(text(c, "las_date") == "2039-01-31");
    CHECK(c.at("las_age").as_int64() == 69);
    CHECK(c.at("target_retirement_age").as_int64() == 67);
    CHECK(text(c, "target_retirement_date") == "2037-01-02");
    CHECK(call("GET", "/api/v1/employees/" + sara + "/career", "", hr_a).status == 200);
    CHECK(call("GET", "/api/v1/employees/" + sara + "/career", "", omar_t).status == 404);
    CHECK(call("GET", "/api/v1/employees/" + sara + "/career", "", admin_a).status == 403);
}
