// Special roles (care contact, language ambassador, APL supervisor, …): qualification rules checked when a
// role is given and again when a qualification lapses (the role goes at risk and the holder and their
// manager are told); the title gate in person rows; the competence summary by gender with small groups
// suppressed.
#include "server/core/calendar.hpp"
#include "server/core/special_role_service.hpp"
#include "tests/http/api_harness.hpp"

using namespace kompetens;
using namespace kompetens::test;

namespace {

struct role_fixture : api_harness
{
    std::string home = unit(hr_a, "Hemtjänst Norr");
    std::string away = unit(hr_a, "Säbo Väst");
    std::string sara = person(hr_a, "Sara", home);
    std::string amal = person(hr_a, "Amal", home);
    std::string chef = person(hr_a, "Chef", home);
    std::string sara_t = account_token(org_a, "sara", static_cast<unsigned>(core::role::staff), sara);
    std::string amal_t = account_token(org_a, "amal", static_cast<unsigned>(core::role::staff), amal);
    std::string chef_t = account_token(org_a, "chef", core::role::manager | core::role::staff, chef);

    http::response give(std::string const& who, std::string const& role, std::string const& token)
    {
        return call(
            "POST",
            "/api/v1/employees/" + who + "/special-roles",
            R"({"role":")" + role + R"(","unit_id":")" + home + "\"}",
            token
        );
    }

    void set_title(std::string const& who, std::string const& body)
    {
        auto got = call("GET", "/api/v1/employees/" + who + "/title", "", hr_a);
        auto const version = std::to_string(json_of(got).at("version").as_int64());
        auto r = call(
            "PUT", "/api/v1/employees/" + who + "/title", body, hr_a, {{"If-Match", "\"" + version + "\""}}
        );
        INFO(r.body);
        REQUIRE(r.status == 200);
    }

    std::vector<std::string> kinds_for(std::string const& token)
    {
        std::vector<std::string> out;
        auto const page = json_of(call("GET", "/api/v1/me/notifications", "", token));
        for (auto const& n : page.at("items").as_array())
            out.emplace_back(n.at("kind").as_string());
        return out;
    }

    static bool has(std::vector<std::string> const& v, char const* s)
    {
        return std::find(v.begin(), v.end(), s) != v.end();
    }

    boost::json::object role_of(std::string const& who, std::string const& token)
    {
        auto r = call("GET", "/api/v1/employees/" + who + "/special-roles", "", token);
        REQUIRE(r.status == 200);
        auto const items = json_of(r).at("items").as_array();
        REQUIRE(!items.empty());
        return items.back().as_object();
    }

    void at(char const* day)
    {
        auto const d = core::parse_iso_date(day);
        REQUIRE(d);
        clock.set(std::chrono::sys_days{*d}.time_since_epoch().count() * 86'400'000LL + 12 * 3'600'000LL);
    }

    int sweep()
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        auto const n = core::special_role_service{uow.role_ports(), clock}.sweep(org_a);
        uow.commit();
        return n;
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
};

constexpr char const* transitional =
    R"({"status":"transitional_right","evidence":"Intyg: tillsvidareanställd usk 2023-07-01"})";

} // namespace

TEST_CASE_METHOD(
    role_fixture,
    "a care contact needs the title: refused without it, at risk with notices when it stops counting",
    "[http][roles]"
)
{
    auto refused = give(sara, "care_contact", chef_t);
    CHECK(refused.status == 422);
    CHECK(text(json_of(refused), "code") == "prerequisite_missing");
    CHECK(text(json_of(refused), "detail").find("title") != std::string::npos);

    set_title(sara, transitional);
    auto given = give(sara, "care_contact", chef_t);
    INFO(given.body);
    REQUIRE(given.status == 201);
    CHECK(text(json_of(given), "state") == "active");
    CHECK(give(sara, "care_contact", chef_t).status == 409); // once per unit

    // HR corrects the record: she never had the right. The role is at risk at once, and both are told.
    set_title(sara, R"({"status":"none"})");
    auto const role = role_of(sara, sara_t);
    CHECK(role.at("state").as_string() == "at_risk");
    REQUIRE(role.at("missing").as_array().size() == 1);
    CHECK(role.at("missing").as_array()[0].as_string() == "title");
    CHECK(has(kinds_for(sara_t), "role.at_risk"));
    CHECK(has(kinds_for(chef_t), "role.at_risk"));
    CHECK_FALSE(has(kinds_for(amal_t), "role.at_risk"));

    // A granted certificate qualifies her again.
    set_title(sara, R"({"status":"certificate_applied"})");
    set_title(sara, R"({"status":"granted","evidence":"Bevis 2026-11-22"})");
    CHECK(role_of(sara, chef_t).at("state").as_string() == "active");
    CHECK(has(kinds_for(sara_t), "role.qualified_again"));
}

TEST_CASE_METHOD(
    role_fixture,
    "the transitional right ends on 2033-07-01: the care contact goes at risk in that night's sweep",
    "[http][roles]"
)
{
    set_title(sara, transitional);
    REQUIRE(give(sara, "care_contact", chef_t).status == 201);
    at("2033-06-30");
    CHECK(sweep() == 0);
    at("2033-07-01");
    CHECK(sweep() == 1);
    auto const chef_now = login("chef");
    CHECK(role_of(sara, chef_now).at("state").as_string() == "at_risk");
    CHECK(has(kinds_for(chef_now), "role.at_risk"));
    CHECK(sweep() == 0); // told once
}

TEST_CASE_METHOD(
    role_fixture,
    "an APL supervisor whose supervisor course lapses is at risk and notified; renewing it restores the role",
    "[http][roles]"
)
{
    auto const course = text(
        json_of(call(
            "POST",
            "/api/v1/courses",
            R"({"code":"HL1","title":"Handledarutbildning steg 1","kind":"classroom","validity_months":12})",
            hr_a
        )),
        "id"
    );
    auto rules = json_of(call("GET", "/api/v1/special-roles/rules", "", amal_t)).at("items").as_array();
    auto apl = std::find_if(rules.begin(), rules.end(), [](auto const& r) {
        return r.at("role").as_string() == "apl_supervisor";
    });
    REQUIRE(apl != rules.end());
    CHECK(apl->at("version").as_int64() == 0);
    auto put = call(
        "PUT",
        "/api/v1/special-roles/rules/apl_supervisor",
        R"({"course_ids":[")" + course + R"("]})",
        hr_a,
        {{"If-Match", "\"0\""}}
    );
    INFO(put.body);
    REQUIRE(put.status == 200);

    auto refused = give(amal, "apl_supervisor", chef_t);
    CHECK(refused.status == 422);
    CHECK(text(json_of(refused), "detail").find("course:" + course) != std::string::npos);

    std::string hr = hr_a;
    auto const record = [&](char const* completed_on) {
        auto r = call(
            "POST",
            "/api/v1/training-records",
            R"({"employee_id":")" + amal + R"(","course_id":")" + course + R"(","completed_on":")" +
                completed_on + "\"}",
            hr
        );
        INFO(r.body);
        REQUIRE(r.status == 201);
    };
    record("2025-12-01"); // valid through 2026-11-30
    REQUIRE(give(amal, "apl_supervisor", chef_t).status == 201);
    CHECK(sweep() == 0);

    at("2026-12-01");
    CHECK(sweep() == 1);
    auto const chef_now = login("chef");
    auto const amal_now = login("amal");
    auto const role = role_of(amal, chef_now);
    CHECK(role.at("state").as_string() == "at_risk");
    CHECK(role.at("missing").as_array()[0].as_string() == "course:" + course);
    CHECK(has(kinds_for(amal_now), "role.at_risk"));
    CHECK(has(kinds_for(chef_now), "role.at_risk"));
    auto unit_roles = json_of(call("GET", "/api/v1/units/" + home + "/special-roles", "", chef_now));
    REQUIRE(unit_roles.at("items").as_array().size() == 1);
    CHECK(unit_roles.at("items").as_array()[0].at("state").as_string() == "at_risk");

    hr = login("hr-a");
    record("2026-12-01");
    CHECK(sweep() == 1);
    CHECK(role_of(amal, chef_now).at("state").as_string() == "active");
}

TEST_CASE_METHOD(
    role_fixture,
    "a language ambassador needs B2 by default; roles end; colleagues cannot see each other's roles",
    "[http][roles]"
)
{
    auto refused = give(amal, "language_ambassador", chef_t);
    CHECK(refused.status == 422);
    CHECK(text(json_of(refused), "detail").find("language:overall:B2") != std::string::npos);
    REQUIRE(
        call(
            "POST",
            "/api/v1/employees/" + amal + "/language/assessments",
            R"({"skill":"overall","level":"C1","method":"course_grade_sva","assessed_on":"2026-10-01","evidence":"SVA 3, betyg A","assessor_external":"Komvux"})",
            hr_a
        )
            .status == 201
    );
    auto given = give(amal, "language_ambassador", chef_t);
    REQUIRE(given.status == 201);
    auto const id = text(json_of(given), "id");

    CHECK(call("GET", "/api/v1/employees/" + amal + "/special-roles", "", amal_t).status == 200);
    CHECK(call("GET", "/api/v1/employees/" + amal + "/special-roles", "", sara_t).status == 404);
    CHECK(give(sara, "language_ambassador", sara_t).status == 403); // staff give no roles
    CHECK(call("POST", "/api/v1/special-roles/" + id + "/end", "", hr_b).status == 404); // another org
    CHECK(call("GET", "/api/v1/units/" + home + "/special-roles", "", sara_t).status == 403);

    // Ending is recorded once; the role leaves the unit's list.
    auto ended = call("POST", "/api/v1/special-roles/" + id + "/end", "", chef_t);
    REQUIRE(ended.status == 200);
    CHECK(text(json_of(ended), "state") == "ended");
    CHECK(call("POST", "/api/v1/special-roles/" + id + "/end", "", chef_t).status == 200);
    CHECK(json_of(call("GET", "/api/v1/units/" + home + "/special-roles", "", chef_t))
              .at("items")
              .as_array()
              .empty());
    // A role is given in a unit the person works in.
    auto elsewhere = call(
        "POST",
        "/api/v1/employees/" + amal + "/special-roles",
        R"({"role":"hygiene_ambassador","unit_id":")" + away + "\"}",
        chef_t
    );
    CHECK(text(json_of(elsewhere), "field") == "/unit_id");
    auto unknown = give(amal, "astronaut", chef_t);
    CHECK(text(json_of(unknown), "field") == "/role");
}

TEST_CASE_METHOD(role_fixture, "the rules of a role rule, each refused with its field", "[http][roles]")
{
    auto const put = [&](std::string const& role, std::string const& body, char const* version = "0") {
        return call(
            "PUT",
            "/api/v1/special-roles/rules/" + role,
            body,
            hr_a,
            {{"If-Match", std::string("\"") + version + "\""}}
        );
    };
    auto law = put("care_contact", R"({"requires_title":false})");
    CHECK(law.status == 400);
    CHECK(text(json_of(law), "field") == "/requires_title");
    CHECK(
        text(json_of(put("hygiene_ambassador", R"({"language_level":"B7"})")), "field") == "/language_level"
    );
    CHECK(
        text(
            json_of(put("hygiene_ambassador", R"({"course_ids":["01a207fe-ffff-7fff-bfff-ffffffffffff"]})")),
            "field"
        ) == "/course_ids/0"
    );
    CHECK(text(json_of(put("chef", "{}")), "field") == "/role");
    REQUIRE(
        put("hygiene_ambassador", R"({"language_level":"B1","language_skill":"speaking"})").status == 200
    );
    CHECK(put("hygiene_ambassador", R"({"language_level":"B1"})").status == 409); // a stale version
    CHECK(
        call(
            "PUT", "/api/v1/special-roles/rules/hygiene_ambassador", "{}", chef_t, {{"If-Match", "\"1\""}}
        ).status == 403
    );
    // The stricter rule applies on assignment.
    auto refused = give(sara, "hygiene_ambassador", chef_t);
    CHECK(text(json_of(refused), "detail").find("language:speaking:B1") != std::string::npos);
}

TEST_CASE_METHOD(role_fixture, "person rows show the title only where it may be used", "[http][roles][title]")
{
    auto const row = [&](std::string const& token) {
        auto r = call("GET", "/api/v1/employees/" + sara, "", token);
        REQUIRE(r.status == 200);
        return json_of(r).at("may_use_title").as_bool();
    };
    CHECK_FALSE(row(sara_t));
    set_title(sara, transitional);
    CHECK(row(sara_t));
    CHECK(row(chef_t));
    auto list = json_of(call("GET", "/api/v1/employees?unit_id=" + home, "", chef_t)).at("items").as_array();
    for (auto const& e : list)
        CHECK(e.at("may_use_title").as_bool() == (e.at("id").as_string() == sara));
    at("2033-07-01");
    CHECK_FALSE(row(login("sara")));
}

TEST_CASE_METHOD(
    role_fixture,
    "the competence summary counts by gender and suppresses groups smaller than five",
    "[http][roles][summary]"
)
{
    // Six women and two men in the unit (with the fixture's three, whose gender is not recorded).
    std::vector<std::string> women, men;
    auto const add = [&](char const* gender) {
        auto e = call(
            "POST",
            "/api/v1/employees",
            R"({"given_name":"P","family_name":"Q","gender":")" + std::string(gender) + "\"}",
            hr_a
        );
        REQUIRE(e.status == 201);
        auto const id = text(json_of(e), "id");
        REQUIRE(
            call(
                "POST",
                "/api/v1/employees/" + id + "/employments",
                R"({"profession":"assistant_nurse","form":"permanent","start_date":"2020-01-01","unit_ids":[")" +
                    home + "\"]}",
                hr_a
            )
                .status == 201
        );
        return id;
    };
    for (int i = 0; i < 6; ++i)
        women.push_back(add("female"));
    for (int i = 0; i < 2; ++i)
        men.push_back(add("male"));
    for (int i = 0; i < 4; ++i)
        set_title(women[static_cast<std::size_t>(i)], transitional);
    set_title(men[0], transitional);

    auto r = call("GET", "/api/v1/reports/competence-summary?unit_id=" + home, "", chef_t);
    INFO(r.body);
    REQUIRE(r.status == 200);
    auto const items = json_of(r).at("items").as_array();
    auto title = std::find_if(items.begin(), items.end(), [](auto const& c) {
        return c.at("measure").as_string() == "title" && c.at("unit_id").is_null();
    });
    REQUIRE(title != items.end());
    CHECK(title->at("people").as_int64() == 11);
    CHECK(title->at("compliant").as_int64() == 5);
    auto const& by_gender = title->at("compliant_by_gender").as_object();
    CHECK(by_gender.at("female").as_int64() == 4);
    CHECK(by_gender.at("male").is_null());        // two men: never shown
    CHECK(by_gender.at("other").as_int64() == 0); // nobody: reveals nothing
    CHECK(by_gender.at("unrecorded").is_null());  // three

    auto csv = call("GET", "/api/v1/reports/competence-summary?unit_id=" + home + "&format=csv", "", hr_a);
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find("all,title,11,5,4,suppressed,0,suppressed") != std::string::npos);

    // The whole organisation is for HR; a manager names a unit of theirs; staff see no summary.
    CHECK(call("GET", "/api/v1/reports/competence-summary", "", hr_a).status == 200);
    CHECK(call("GET", "/api/v1/reports/competence-summary", "", chef_t).status == 403);
    CHECK(call("GET", "/api/v1/reports/competence-summary?unit_id=" + away, "", chef_t).status == 403);
    CHECK(call("GET", "/api/v1/reports/competence-summary?unit_id=" + home, "", sara_t).status == 403);
}

TEST_CASE_METHOD(
    role_fixture,
    "a role holder who leaves the unit puts the role at risk for the manager to pass on",
    "[http][roles]"
)
{
    REQUIRE(give(amal, "hygiene_ambassador", chef_t).status == 201);
    auto const jobs = json_of(call("GET", "/api/v1/employees/" + amal + "/employments", "", hr_a));
    auto const job = std::string(jobs.at("items").as_array()[0].at("id").as_string());
    REQUIRE(
        call(
            "PATCH",
            "/api/v1/employments/" + job,
            R"({"end_date":"2026-11-30"})",
            hr_a,
            {{"If-Match", "\"1\""}}
        ).status == 200
    );
    CHECK(sweep() == 0); // still employed today
    at("2026-12-01");
    CHECK(sweep() == 1);
    auto const role = role_of(amal, login("hr-a"));
    CHECK(role.at("state").as_string() == "at_risk");
    CHECK(role.at("missing").as_array()[0].as_string() == "unit");
    CHECK(has(kinds_for(login("chef")), "role.at_risk"));
}
