// Mentorship: a qualified mentor with room is paired with a mentee, and the two keep a meeting log of dates
// and fixed topics that a phone may send twice.
#include "tests/http/api_harness.hpp"

using namespace kompetens;
using namespace kompetens::test;

namespace {

struct mentorship_fixture : api_harness
{
    std::string norr = unit(hr_a, "Hemtjänst Norr");
    std::string soder = unit(hr_a, "Hemtjänst Söder");
    std::string greta = person(hr_a, "Greta", norr); // the experienced undersköterska
    std::string nora = person(hr_a, "Nora", norr);   // new
    std::string nils = person(hr_a, "Nils", norr);   // new
    std::string chef = person(hr_a, "Chef", norr);
    std::string omar = person(hr_a, "Omar", soder);
    std::string greta_t = account_token(org_a, "greta", static_cast<unsigned>(core::role::staff), greta);
    std::string nora_t = account_token(org_a, "nora", static_cast<unsigned>(core::role::staff), nora);
    std::string nils_t = account_token(org_a, "nils", static_cast<unsigned>(core::role::staff), nils);
    std::string chef_t = account_token(org_a, "chef", core::role::manager | core::role::staff, chef);
    std::string omar_t = account_token(org_a, "omar", static_cast<unsigned>(core::role::staff), omar);
    std::string course_id = text(
        json_of(call(
            "POST",
            "/api/v1/courses",
            R"({"code":"MENT","title":"Mentorskap i vården","kind":"classroom"})",
            hr_a
        )),
        "id"
    );
    std::string programme = text(
        json_of(call(
            "POST",
            "/api/v1/mentorship-programmes",
            R"({"name":"Favo introduktion","kind":"new_employee","course_ids":[")" + course_id + "\"]}",
            hr_a
        )),
        "id"
    );

    http::response pair(std::string const& mentor, std::string const& mentee, std::string const& token)
    {
        return call(
            "POST",
            "/api/v1/mentorships",
            R"({"programme_id":")" + programme + R"(","mentor_id":")" + mentor + R"(","mentee_id":")" +
                mentee + R"(","starts_on":"2026-11-23","ends_on":"2027-05-31"})",
            token
        );
    }

    void trained(std::string const& who)
    {
        auto r = call(
            "POST",
            "/api/v1/training-records",
            R"({"employee_id":")" + who + R"(","course_id":")" + course_id +
                R"(","completed_on":"2026-10-01"})",
            hr_a
        );
        REQUIRE(r.status == 201);
    }

    static std::string code_field(http::response const& r)
    {
        auto const o = json_of(r);
        auto const* field = o.if_contains("field");
        return text(o, "code") + " " + (field ? std::string(field->as_string()) : std::string());
    }
};

} // namespace

TEST_CASE_METHOD(
    mentorship_fixture,
    "a mentor needs the programme's course and room; the mentee's manager pairs them",
    "[http][mentorship]"
)
{
    auto untrained = pair(greta, nora, chef_t);
    CHECK(code_field(untrained) == "prerequisite_missing /mentor_id");
    CHECK(text(json_of(untrained), "detail").find("course:" + course_id) != std::string::npos);
    trained(greta);
    // One mentee at a time for Greta.
    REQUIRE(
        call("PUT", "/api/v1/employees/" + greta + "/capacity", R"({"max_mentees":1})", hr_a).status == 200
    );
    auto made = pair(greta, nora, chef_t);
    INFO(made.body);
    REQUIRE(made.status == 201);
    CHECK(json_of(made).at("status").as_string() == "active");
    auto second = pair(greta, nils, chef_t);
    CHECK(code_field(second) == "capacity_exceeded /mentor_id");
    // A capacity below what she already has is refused.
    CHECK(
        code_field(call("PUT", "/api/v1/employees/" + greta + "/capacity", R"({"max_mentees":0})", hr_a)) ==
        "capacity_exceeded /max_mentees"
    );

    // Ending frees the place.
    auto const id = text(json_of(made), "id");
    REQUIRE(call("POST", "/api/v1/mentorships/" + id + "/end", "", chef_t).status == 200);
    CHECK(pair(greta, nils, chef_t).status == 201);

    // Nobody mentors themselves; staff cannot pair; another unit's manager does not see the mentee.
    CHECK(code_field(pair(greta, greta, hr_a)) == "validation_failed /mentee_id");
    CHECK(pair(greta, nora, greta_t).status == 404);
    CHECK(pair(greta, omar, chef_t).status == 404);
    CHECK(pair(greta, nora, nora_t).status == 403);
}

TEST_CASE_METHOD(
    mentorship_fixture,
    "the mentor and the mentee log meetings with fixed topics; a retried meeting is stored once",
    "[http][mentorship]"
)
{
    trained(greta);
    auto const made = pair(greta, nora, hr_a);
    REQUIRE(made.status == 201);
    auto const id = text(json_of(made), "id");
    auto const path = "/api/v1/mentorships/" + id + "/meetings";
    std::string const meeting =
        R"({"meeting_id":"01a20000-0000-7000-8000-0000000000a1","met_on":"2026-11-23","topics":["introduction","routines"]})";

    auto first = call("POST", path, meeting, greta_t);
    INFO(first.body);
    CHECK(first.status == 201);
    auto again = call("POST", path, meeting, greta_t);
    CHECK(again.status == 200);
    REQUIRE(json_of(again).at("meetings").as_array().size() == 1);
    // The same id with other content is a conflict, not a silent overwrite.
    CHECK(
        code_field(call(
            "POST",
            path,
            R"({"meeting_id":"01a20000-0000-7000-8000-0000000000a1","met_on":"2026-11-23","topics":["career"]})",
            nora_t
        )) == "conflict /meeting_id"
    );
    // No free text: an unknown topic, a future day, or a day before the mentorship is refused.
    CHECK(
        code_field(call(
            "POST",
            path,
            R"({"meeting_id":"01a20000-0000-7000-8000-0000000000a2","met_on":"2026-11-23","topics":["hon verkar trött"]})",
            nora_t
        )) == "validation_failed /topics/0"
    );
    CHECK(
        code_field(call(
            "POST",
            path,
            R"({"meeting_id":"01a20000-0000-7000-8000-0000000000a3","met_on":"2026-11-24","topics":["career"]})",
            nora_t
        )) == "validation_failed /met_on"
    );
    CHECK(
        code_field(call(
            "POST",
            path,
            R"({"meeting_id":"01a20000-0000-7000-8000-0000000000a4","met_on":"2026-11-22","topics":["career"]})",
            nora_t
        )) == "validation_failed /met_on"
    );
    // The mentee logs too; the manager reads but does not log; a colleague does not see it.
    CHECK(
        call(
            "POST",
            path,
            R"({"meeting_id":"01a20000-0000-7000-8000-0000000000a5","met_on":"2026-11-23","topics":["wellbeing"]})",
            nora_t
        )
            .status == 201
    );
    CHECK(
        call(
            "POST",
            path,
            R"({"meeting_id":"01a20000-0000-7000-8000-0000000000a6","met_on":"2026-11-23","topics":["career"]})",
            chef_t
        )
            .status == 403
    );
    CHECK(call("GET", "/api/v1/mentorships/" + id, "", nils_t).status == 404);
    CHECK(call("GET", "/api/v1/mentorships/" + id, "", omar_t).status == 404);
    CHECK(call("GET", "/api/v1/mentorships/" + id, "", hr_b).status == 404);
    auto const seen = json_of(call("GET", "/api/v1/mentorships/" + id, "", chef_t));
    CHECK(seen.at("meetings").as_array().size() == 2);

    // Both see it in their own list; after it ends nothing more is logged.
    CHECK(json_of(call("GET", "/api/v1/me/mentorships", "", greta_t)).at("items").as_array().size() == 1);
    CHECK(json_of(call("GET", "/api/v1/me/mentorships", "", nora_t)).at("items").as_array().size() == 1);
    CHECK(call("GET", "/api/v1/employees/" + nora + "/mentorships", "", nils_t).status == 404);
    REQUIRE(call("POST", "/api/v1/mentorships/" + id + "/end", "", hr_a).status == 200);
    CHECK(
        code_field(call(
            "POST",
            path,
            R"({"meeting_id":"01a20000-0000-7000-8000-0000000000a7","met_on":"2026-11-23","topics":["career"]})",
            greta_t
        )) == "invalid_state "
    );
}

TEST_CASE_METHOD(mentorship_fixture, "mentorship programmes are HR's, with their rules", "[http][mentorship]")
{
    CHECK(
        code_field(call("POST", "/api/v1/mentorship-programmes", R"({"name":"X","kind":"buddy"})", hr_a)) ==
        "validation_failed /kind"
    );
    CHECK(
        code_field(call(
            "POST",
            "/api/v1/mentorship-programmes",
            R"({"name":"X","kind":"language","course_ids":["01a20000-0000-7000-8000-000000000009"]})",
            hr_a
        )) == "validation_failed /course_ids/0"
    );
    CHECK(
        call("POST", "/api/v1/mentorship-programmes", R"({"name":"X","kind":"language"})", chef_t).status ==
        403
    );
    auto const list = json_of(call("GET", "/api/v1/mentorship-programmes", "", greta_t));
    REQUIRE(list.at("items").as_array().size() == 1);
    CHECK(list.at("items").as_array()[0].at("kind").as_string() == "new_employee");
}
