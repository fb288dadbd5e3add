// Language proficiency: assessments per skill on the CEFR scale, the organisation's requirements (B2 for
// care work by default, as a setting), a unit's gap view, development plans with a language ambassador
// who follows them up, and who may read any of it.
#include "server/core/ids.hpp"
#include "tests/http/api_harness.hpp"

using namespace kompetens;
using namespace kompetens::test;

namespace {

struct language_fixture : api_harness
{
    std::string home = unit(hr_a, "Hemtjänst Norr");
    std::string away = unit(hr_a, "Säbo Väst");
    std::string amal = person(hr_a, "Amal", home);
    std::string sara = person(hr_a, "Sara", home);
    std::string chef = person(hr_a, "Chef", home);
    std::string otto = person(hr_a, "Otto", away);
    std::string amal_t = account_token(org_a, "amal", static_cast<unsigned>(core::role::staff), amal);
    std::string sara_t = account_token(org_a, "sara", static_cast<unsigned>(core::role::staff), sara);
    std::string chef_t = account_token(org_a, "chef", core::role::manager | core::role::staff, chef);
    std::string otto_t = account_token(org_a, "otto", core::role::manager | core::role::staff, otto);

    http::response assess(std::string const& who, std::string const& body, std::string const& token)
    {
        return call("POST", "/api/v1/employees/" + who + "/language/assessments", body, token);
    }

    void assess_ok(std::string const& who, std::string const& skill, std::string const& level)
    {
        auto r = assess(
            who,
            R"({"skill":")" + skill + R"(","level":")" + level +
                R"(","method":"test","assessed_on":"2026-11-02","evidence":"Test SFI D nr 1234","assessor_external":"Folkuniversitetet"})",
            hr_a
        );
        INFO(r.body);
        REQUIRE(r.status == 201);
    }

    boost::json::object profile(std::string const& who, std::string const& token)
    {
        auto r = call("GET", "/api/v1/employees/" + who + "/language", "", token);
        INFO(r.body);
        REQUIRE(r.status == 200);
        return json_of(r);
    }

    boost::json::array gaps(std::string const& unit_id, std::string const& token)
    {
        auto r = call("GET", "/api/v1/units/" + unit_id + "/language-gaps", "", token);
        INFO(r.body);
        REQUIRE(r.status == 200);
        return json_of(r).at("items").as_array();
    }

    static std::string code_field(http::response const& r)
    {
        auto const j = json_of(r);
        return text(j, "code") + " " + (j.contains("field") ? text(j, "field") : std::string());
    }

    std::string plan_for(std::string const& who, std::string const& ambassador)
    {
        auto r = call(
            "POST",
            "/api/v1/employees/" + who + "/language/plans",
            R"({"targets":[{"skill":"speaking","level":"B2"}],"next_follow_up_on":"2027-01-15",
                "supports":[{"kind":"language_ambassador","person_id":")" +
                ambassador + R"("},{"kind":"sva_course"}]})",
            chef_t
        );
        INFO(r.body);
        REQUIRE(r.status == 201);
        return text(json_of(r), "id");
    }
};

} // namespace

TEST_CASE_METHOD(
    language_fixture,
    "a care worker below the B2 default shows in the unit's gap view until an assessment closes it",
    "[http][language]"
)
{
    // Never assessed: held to B2 overall as an undersköterska, and in the gap view without a level.
    auto const before = gaps(home, chef_t);
    REQUIRE(before.size() == 3); // Amal, Sara and the manager all work as assistant nurses
    CHECK(before[0].at("current").is_null());
    CHECK(before[0].at("required").as_string() == "B2");

    assess_ok(amal, "overall", "B1");
    auto p = profile(amal, amal_t);
    CHECK(p.at("state").as_string() == "assessed");
    REQUIRE(p.at("gaps").as_array().size() == 1);
    CHECK(p.at("gaps").as_array()[0].at("level").as_string() == "B2");
    auto rows = gaps(home, chef_t);
    auto amal_row = std::find_if(rows.begin(), rows.end(), [&](auto const& g) {
        return g.at("employee_id").as_string() == amal;
    });
    REQUIRE(amal_row != rows.end());
    CHECK(amal_row->at("current").as_string() == "B1");

    // A later, higher assessment is the current level (the earlier one stays in the history).
    assess_ok(amal, "overall", "B2");
    p = profile(amal, amal_t);
    CHECK(p.at("gaps").as_array().empty());
    CHECK(p.at("assessments").as_array().size() == 2);
    rows = gaps(home, chef_t);
    CHECK(std::none_of(rows.begin(), rows.end(), [&](auto const& g) {
        return g.at("employee_id").as_string() == amal;
    }));

    auto csv = call("GET", "/api/v1/units/" + home + "/language-gaps?format=csv", "", hr_a);
    REQUIRE(csv.status == 200);
    CHECK(csv.body.rfind("employee_id,profession,skill,required,current,plan_active\r\n", 0) == 0);
    CHECK(csv.body.find(sara) != std::string::npos);
    CHECK(csv.body.find(amal) == std::string::npos);

    // Another unit's manager may not see this unit's gaps; staff may not see any.
    CHECK(call("GET", "/api/v1/units/" + home + "/language-gaps", "", otto_t).status == 404);
    CHECK(call("GET", "/api/v1/units/" + home + "/language-gaps", "", amal_t).status == 403);
}

TEST_CASE_METHOD(
    language_fixture,
    "requirements per profession replace the default, and the default is a setting that can be off",
    "[http][language]"
)
{
    auto r = call("GET", "/api/v1/language/requirements", "", amal_t);
    REQUIRE(r.status == 200);
    CHECK(json_of(r).at("default_level").as_string() == "B2");
    CHECK(json_of(r).at("version").as_int64() == 0);

    auto const put = [&](std::string const& body, int version) {
        return call(
            "PUT",
            "/api/v1/language/requirements",
            body,
            hr_a,
            {{"If-Match", "\"" + std::to_string(version) + "\""}}
        );
    };
    // Assistant nurses: B1 in speaking and listening instead of B2 overall.
    auto saved = put(
        R"({"default_level":"B2","rules":[{"profession":"assistant_nurse","skill":"speaking","level":"B1"},
            {"profession":"assistant_nurse","skill":"listening","level":"B1"}]})",
        0
    );
    INFO(saved.body);
    REQUIRE(saved.status == 200);
    CHECK(header(saved, "ETag") == "\"1\"");
    assess_ok(amal, "overall", "B1"); // an overall level stands in for a skill not assessed on its own
    CHECK(profile(amal, amal_t).at("gaps").as_array().empty());
    assess_ok(sara, "speaking", "A2");
    auto const sara_gaps = profile(sara, sara_t).at("gaps").as_array();
    REQUIRE(sara_gaps.size() == 2); // speaking A2 < B1; listening never assessed
    CHECK(sara_gaps[0].at("skill").as_string() == "listening");
    CHECK(sara_gaps[1].at("skill").as_string() == "speaking");

    // A stale version is a conflict; the default can be switched off.
    CHECK(put(R"({"default_level":null})", 0).status == 409);
    CHECK(put(R"({"default_level":null})", 1).status == 200);
    CHECK(gaps(home, chef_t).empty());
    CHECK(put(R"({"default_level":"B9"})", 2).status == 400);
    CHECK(
        code_field(put(R"({"rules":[{"profession":"astronaut","skill":"speaking","level":"B1"}]})", 2)) ==
        "validation_failed /rules/0/profession"
    );
    CHECK(call("PUT", "/api/v1/language/requirements", "{}", chef_t, {{"If-Match", "\"2\""}}).status == 403);
}

TEST_CASE_METHOD(language_fixture, "a staff member cannot read a colleague's assessment", "[http][language]")
{
    assess_ok(amal, "speaking", "B1");
    CHECK(profile(amal, amal_t).at("assessments").as_array().size() == 1); // her own
    CHECK(profile(amal, chef_t).at("assessments").as_array().size() == 1); // her manager
    CHECK(profile(amal, hr_a).at("assessments").as_array().size() == 1);   // HR
    // A colleague in the same unit, another unit's manager, the administrator and another organisation's
    // HR get "not found": language data can reveal origin, so not even its existence is shown.
    for (auto const& token : {sara_t, otto_t, admin_a, hr_b})
        CHECK(call("GET", "/api/v1/employees/" + amal + "/language", "", token).status == 404);
    // Nor can staff record one, not even about themselves.
    auto self = assess(
        amal,
        R"({"skill":"speaking","level":"C2","method":"employer_assessment","assessed_on":"2026-11-02"})",
        amal_t
    );
    CHECK(self.status == 403);
    auto other_unit = assess(
        amal,
        R"({"skill":"speaking","level":"C2","method":"employer_assessment","assessed_on":"2026-11-02"})",
        otto_t
    );
    CHECK(other_unit.status == 404);
}

TEST_CASE_METHOD(
    language_fixture, "the rules of an assessment, each refused with its field", "[http][language]"
)
{
    auto const with = [&](std::string const& fields) {
        return code_field(assess(amal, "{" + fields + "}", chef_t));
    };
    std::string const base = R"("skill":"speaking","level":"B1","method":"employer_assessment")";
    CHECK(with(base + R"(,"assessed_on":"2026-11-24")") == "validation_failed /assessed_on"); // tomorrow
    CHECK(
        with(R"("skill":"singing","level":"B1","method":"test","assessed_on":"2026-11-02")") ==
        "validation_failed /skill"
    );
    CHECK(
        with(R"("skill":"speaking","level":"D1","method":"test","assessed_on":"2026-11-02")") ==
        "validation_failed /level"
    );
    CHECK(
        with(R"("skill":"speaking","level":"B1","method":"guess","assessed_on":"2026-11-02")") ==
        "validation_failed /method"
    );
    // A test, grade or certificate needs its reference; the manager's own assessment does not.
    CHECK(
        with(R"("skill":"speaking","level":"B1","method":"certificate","assessed_on":"2026-11-02")") ==
        "validation_failed /evidence"
    );
    CHECK(
        with(base + R"(,"assessed_on":"2026-11-02","assessor_id":")" + amal + "\"") ==
        "validation_failed /assessor_id"
    );
    auto ok = assess(amal, "{" + base + R"(,"assessed_on":"2026-11-02"})", chef_t);
    REQUIRE(ok.status == 201);
    CHECK(text(json_of(ok), "assessor_id") == chef); // the manager who assessed, by default
}

TEST_CASE_METHOD(
    language_fixture,
    "a development plan: the ambassador is told, follows it up, and only an assessment reaches the target",
    "[http][language]"
)
{
    assess_ok(amal, "speaking", "B1");
    auto const plan = plan_for(amal, sara);
    CHECK(profile(amal, amal_t).at("state").as_string() == "plan_active");
    // One active plan at a time.
    auto second = call(
        "POST",
        "/api/v1/employees/" + amal + "/language/plans",
        R"({"targets":[{"skill":"writing","level":"B1"}],"next_follow_up_on":"2027-01-15"})",
        chef_t
    );
    CHECK(second.status == 409);

    // Sara, the language ambassador, hears of it and sees the plan (not Amal's assessments).
    auto notes = json_of(call("GET", "/api/v1/me/notifications", "", sara_t)).at("items").as_array();
    CHECK(std::any_of(notes.begin(), notes.end(), [](auto const& n) {
        return n.at("kind").as_string() == "language.plan_support";
    }));
    auto supported =
        json_of(call("GET", "/api/v1/language/supported-plans", "", sara_t)).at("items").as_array();
    REQUIRE(supported.size() == 1);
    CHECK(supported[0].at("id").as_string() == plan);
    CHECK(call("GET", "/api/v1/employees/" + amal + "/language", "", sara_t).status == 404);

    // She records a follow-up; sending it again is the same follow-up.
    auto const follow_up = core::new_uuid_v7(clock.now());
    std::string const body =
        R"({"id":")" + follow_up +
        R"(","held_on":"2026-11-20","outcome":"on_track","next_follow_up_on":"2027-02-15"})";
    auto first = call("POST", "/api/v1/language/plans/" + plan + "/follow-ups", body, sara_t);
    INFO(first.body);
    REQUIRE(first.status == 200);
    auto again = call("POST", "/api/v1/language/plans/" + plan + "/follow-ups", body, sara_t);
    REQUIRE(again.status == 200);
    CHECK(json_of(again).at("follow_ups").as_array().size() == 1);
    CHECK(json_of(again).at("next_follow_up_on").as_string() == "2027-02-15");
    // A colleague who is not a support cannot.
    auto const other = core::new_uuid_v7(clock.now());
    CHECK(
        call(
            "POST",
            "/api/v1/language/plans/" + plan + "/follow-ups",
            R"({"id":")" + other +
                R"(","held_on":"2026-11-20","outcome":"behind","next_follow_up_on":"2027-02-15"})",
            amal_t
        )
            .status == 403
    );

    // Saying the target is reached needs an assessment that shows it.
    auto claimed = call(
        "POST",
        "/api/v1/language/plans/" + plan + "/follow-ups",
        R"({"held_on":"2026-11-21","outcome":"target_reached"})",
        chef_t
    );
    CHECK(code_field(claimed) == "invalid_state /outcome");
    assess_ok(amal, "speaking", "B2"); // the assessment itself reaches the target
    auto const done = profile(amal, amal_t);
    CHECK(done.at("state").as_string() == "target_reached");
    CHECK(done.at("plans").as_array()[0].at("state").as_string() == "target_reached");
    auto mine = json_of(call("GET", "/api/v1/me/notifications", "", amal_t)).at("items").as_array();
    CHECK(std::any_of(mine.begin(), mine.end(), [](auto const& n) {
        return n.at("kind").as_string() == "language.target_reached";
    }));
    CHECK(json_of(call("GET", "/api/v1/language/supported-plans", "", sara_t)).at("items").as_array().empty()
    );
}

TEST_CASE_METHOD(language_fixture, "the rules of a plan, each refused with its field", "[http][language]")
{
    auto const plan = [&](std::string const& body) {
        return code_field(call("POST", "/api/v1/employees/" + amal + "/language/plans", body, chef_t));
    };
    CHECK(plan(R"({"targets":[],"next_follow_up_on":"2027-01-15"})") == "validation_failed /targets");
    CHECK(
        plan(R"({"targets":[{"skill":"speaking","level":"B2"}]})") == "validation_failed /next_follow_up_on"
    );
    CHECK(
        plan(R"({"targets":[{"skill":"speaking","level":"B2"}],"next_follow_up_on":"2026-11-01"})") ==
        "validation_failed /next_follow_up_on"
    );
    CHECK(
        plan(
            R"({"targets":[{"skill":"speaking","level":"B2"},{"skill":"speaking","level":"C1"}],"next_follow_up_on":"2027-01-15"})"
        ) == "validation_failed /targets/1/skill"
    );
    CHECK(
        plan(
            R"({"targets":[{"skill":"speaking","level":"B2"}],"next_follow_up_on":"2027-01-15","supports":[{"kind":"mentor"}]})"
        ) == "validation_failed /supports/0/person_id"
    );
    CHECK(
        plan(
            R"({"targets":[{"skill":"speaking","level":"B2"}],"next_follow_up_on":"2027-01-15","supports":[{"kind":"coach"}]})"
        ) == "validation_failed /supports/0/kind"
    );
    CHECK(
        plan(R"({"targets":[{"skill":"speaking"}],"next_follow_up_on":"2027-01-15"})") ==
        "validation_failed /targets/0/level"
    );
}
