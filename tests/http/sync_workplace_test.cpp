// Workplace learning on phones: a supervisor has their student's placement offline and writes progress
// notes as `placement.note`; a mentor and mentee have their mentorship and log meetings as
// `mentorship.meeting`. Both are entity-idempotent by the id the phone mints.
#include "server/core/calendar.hpp"
#include "server/core/training.hpp"
#include "tests/http/sync_fixture.hpp"

using namespace kompetens;
using namespace kompetens::test;
using sync::lane;

namespace {

struct workplace_sync_fixture : sync_fixture
{
    std::string today = core::stockholm_today(clock.now());
    std::string coordinator_t =
        account_token(org_a, "samordnare", static_cast<unsigned>(core::role::education_coordinator));

    std::string created(std::string const& path, std::string const& body, std::string const& token)
    {
        auto r = call("POST", path, body, token);
        INFO(path << " " << r.body);
        REQUIRE(r.status == 201);
        return text(json_of(r), "id");
    }

    /** Sara supervises a student in her unit whose placement started today. */
    std::string ongoing_placement()
    {
        auto const step1 = created(
            "/api/v1/courses",
            R"({"code":"HL1","title":"Handledarutbildning steg 1","kind":"classroom"})",
            hr_a
        );
        REQUIRE(
            call(
                "PUT",
                "/api/v1/placement-policy",
                R"({"step_1_course_ids":[")" + step1 + R"("]})",
                coordinator_t,
                {{"If-Match", "\"0\""}}
            ).status == 200
        );
        created(
            "/api/v1/training-records",
            R"({"employee_id":")" + sara + R"(","course_id":")" + step1 + R"(","completed_on":"2025-03-01"})",
            hr_a
        );
        REQUIRE(
            call(
                "PUT", "/api/v1/units/" + home + "/placement-capacity", R"({"max_students":1})", coordinator_t
            )
                .status == 200
        );
        auto const provider = created(
            "/api/v1/education-providers",
            R"({"name":"Vård- och omsorgscollege","kind":"upper_secondary"})",
            coordinator_t
        );
        auto const programme = created(
            "/api/v1/education-programmes",
            R"({"provider_id":")" + provider + R"(","name":"Vård- och omsorgsprogrammet","form":"apl"})",
            coordinator_t
        );
        auto const learner = created(
            "/api/v1/learners",
            R"({"given_name":"Elin","family_name":"Elev","programme_id":")" + programme + "\"}",
            coordinator_t
        );
        auto const id = created(
            "/api/v1/placements",
            R"({"learner_id":")" + learner + R"(","unit_id":")" + home + R"(","starts_on":")" + today +
                R"(","ends_on":")" + core::add_days(today, 30) + R"(","required_weeks":4})",
            coordinator_t
        );
        REQUIRE(
            call(
                "POST",
                "/api/v1/placements/" + id + "/confirm",
                R"({"supervisor_id":")" + sara + "\"}",
                boss_t
            )
                .status == 200
        );
        REQUIRE(call("POST", "/api/v1/placements/" + id + "/start", "", sara_t).status == 200);
        return id;
    }
};

boost::json::object outcome(wire_reply const& r)
{
    return r.json().at("results").as_array().at(0).as_object();
}

} // namespace

TEST_CASE_METHOD(
    workplace_sync_fixture,
    "a supervisor has the student's placement offline and writes a progress note that syncs once",
    "[http][sync][placements]"
)
{
    auto const id = ongoing_placement();
    auto phone = sync_fixture::phone(sara_t);
    phone.pull_all();
    auto const rows = phone.of_type("placement");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("id").as_string() == id);
    CHECK(rows[0].at("status").as_string() == "ongoing");
    CHECK(rows[0].at("learner").at("given_name").as_string() == "Elin");

    boost::json::object note{
        {"placement_id", id},
        {"note_id", core::new_uuid_v7(clock.now())},
        {"written_on", today},
        {"area", "hygiene_routines"},
        {"progress", "with_support"}};
    auto first = phone.push(lane::normal, {phone.mutation(lane::normal, "placement.note", note)});
    INFO(first.body);
    REQUIRE(first.status == 200);
    CHECK(str(outcome(first), "status") == "applied");
    CHECK_FALSE(outcome(first).contains("duplicate_entity"));
    // The same note from her second phone is the one note.
    auto other = sync_fixture::phone(sara_t);
    auto again = other.push(lane::normal, {other.mutation(lane::normal, "placement.note", note)});
    REQUIRE(again.status == 200);
    CHECK(str(outcome(again), "status") == "applied");
    CHECK(outcome(again).at("duplicate_entity").as_bool());
    phone.pull_all();
    REQUIRE(phone.of_type("placement")[0].at("notes").as_array().size() == 1);
    CHECK(phone.local_digest() == phone.last_digest);

    // A grade is not a progress level; a colleague is not the supervisor.
    note["note_id"] = core::new_uuid_v7(clock.now() + 1);
    note["progress"] = "VG";
    auto graded = phone.push(lane::normal, {phone.mutation(lane::normal, "placement.note", note)});
    CHECK(str(outcome(graded), "code") == "validation_failed");
    CHECK(str(outcome(graded), "field") == "/progress");
    note["progress"] = "introduced";
    auto idas = sync_fixture::phone(ida_t);
    idas.pull_all();
    CHECK(idas.of_type("placement").empty()); // not her student
    auto colleague = idas.push(lane::normal, {idas.mutation(lane::normal, "placement.note", note)});
    CHECK(str(outcome(colleague), "status") == "rejected");
    CHECK(str(outcome(colleague), "code") == "not_found");
}

TEST_CASE_METHOD(
    workplace_sync_fixture,
    "mentor and mentee have their mentorship offline; a meeting logged on one phone reaches the other once",
    "[http][sync][mentorship]"
)
{
    auto const programme = created(
        "/api/v1/mentorship-programmes",
        R"({"name":"Introduktion","kind":"new_employee","course_ids":[]})",
        hr_a
    );
    auto const id = created(
        "/api/v1/mentorships",
        R"({"programme_id":")" + programme + R"(","mentor_id":")" + sara + R"(","mentee_id":")" + ida +
            R"(","starts_on":")" + today + R"(","ends_on":")" + core::add_days(today, 180) + "\"}",
        hr_a
    );
    auto mentee = sync_fixture::phone(ida_t);
    mentee.pull_all();
    REQUIRE(mentee.of_type("mentorship").size() == 1);
    auto const people = mentee.of_type("person");
    CHECK(std::any_of(people.begin(), people.end(), [&](auto const& p) {
        return p.at("id").as_string() == sara;
    }));

    boost::json::object meeting{
        {"mentorship_id", id},
        {"meeting_id", core::new_uuid_v7(clock.now())},
        {"met_on", today},
        {"topics", boost::json::array{"introduction", "routines"}}};
    auto sent = mentee.push(lane::normal, {mentee.mutation(lane::normal, "mentorship.meeting", meeting)});
    INFO(sent.body);
    REQUIRE(sent.status == 200);
    CHECK(str(outcome(sent), "status") == "applied");
    auto mentor = sync_fixture::phone(sara_t);
    auto dup = mentor.push(lane::normal, {mentor.mutation(lane::normal, "mentorship.meeting", meeting)});
    CHECK(outcome(dup).at("duplicate_entity").as_bool());
    mentor.pull_all();
    auto const rows = mentor.of_type("mentorship");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("meetings").as_array().size() == 1);

    // Free text is not a topic; the manager reads the mentorship but does not keep its log.
    meeting["meeting_id"] = core::new_uuid_v7(clock.now() + 1);
    meeting["topics"] = boost::json::array{"hon verkar trött"};
    auto free_text =
        mentor.push(lane::normal, {mentor.mutation(lane::normal, "mentorship.meeting", meeting)});
    CHECK(str(outcome(free_text), "code") == "validation_failed");
    meeting["topics"] = boost::json::array{"career"};
    auto managers_phone = sync_fixture::phone(boss_t);
    auto refused = managers_phone.push(
        lane::normal, {managers_phone.mutation(lane::normal, "mentorship.meeting", meeting)}
    );
    CHECK(str(outcome(refused), "code") == "forbidden");
}
