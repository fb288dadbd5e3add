// Workplace-based learning: a placement's supervisor must hold the supervisor-training step its form needs
// (step 2 for apprentices), capacity per unit and per supervisor is never exceeded, and the supervisor
// documents progress without grading.
#include "server/core/calendar.hpp"
#include "server/core/placement_service.hpp"
#include "tests/http/api_harness.hpp"

#include <map>
#include <random>
#include <thread>

using namespace kompetens;
using namespace kompetens::test;

namespace {

struct placement_fixture : api_harness
{
    std::string coordinator_t =
        account_token(org_a, "samordnare", static_cast<unsigned>(core::role::education_coordinator));
    std::string norr = unit(hr_a, "Hemtjänst Norr");
    std::string soder = unit(hr_a, "Hemtjänst Söder");
    std::string amal = person(hr_a, "Amal", norr);
    std::string berit = person(hr_a, "Berit", norr);
    std::string chef = person(hr_a, "Chef", norr);
    std::string omar = person(hr_a, "Omar", soder);
    std::string amal_t = account_token(org_a, "amal", static_cast<unsigned>(core::role::staff), amal);
    std::string berit_t = account_token(org_a, "berit", static_cast<unsigned>(core::role::staff), berit);
    std::string chef_t = account_token(org_a, "chef", core::role::manager | core::role::staff, chef);
    std::string omar_t = account_token(org_a, "omar", static_cast<unsigned>(core::role::staff), omar);
    std::string step1 = course("HL1", "Handledarutbildning steg 1");
    std::string step2 = course("HL2", "Handledarutbildning steg 2");
    std::string provider = create(
        "/api/v1/education-providers", R"({"name":"Vård- och omsorgscollege","kind":"upper_secondary"})"
    );
    std::string apl = create(
        "/api/v1/education-programmes",
        R"({"provider_id":")" + provider + R"(","name":"Vård- och omsorgsprogrammet","form":"apl"})"
    );
    std::string lärling = create(
        "/api/v1/education-programmes",
        R"({"provider_id":")" + provider + R"(","name":"Lärlingsutbildning vård","form":"apprenticeship"})"
    );

    placement_fixture()
    {
        auto r = call(
            "PUT",
            "/api/v1/placement-policy",
            R"({"step_1_course_ids":[")" + step1 + R"("],"step_2_course_ids":[")" + step2 +
                R"("],"default_supervisor_capacity":1})",
            coordinator_t,
            {{"If-Match", "\"0\""}}
        );
        INFO(r.body);
        REQUIRE(r.status == 200);
    }

    std::string course(std::string const& code, std::string const& title)
    {
        auto r = call(
            "POST",
            "/api/v1/courses",
            R"({"code":")" + code + R"(","title":")" + title + R"(","kind":"classroom"})",
            hr_a
        );
        REQUIRE(r.status == 201);
        return text(json_of(r), "id");
    }

    std::string create(std::string const& path, std::string const& body, std::string token = "")
    {
        auto r = call("POST", path, body, token.empty() ? coordinator_t : token);
        INFO(path << " " << r.body);
        REQUIRE(r.status == 201);
        return text(json_of(r), "id");
    }

    void holds(std::string const& who, std::string const& course_id)
    {
        auto r = call(
            "POST",
            "/api/v1/training-records",
            R"({"employee_id":")" + who + R"(","course_id":")" + course_id +
                R"(","completed_on":"2025-03-01"})",
            hr_a
        );
        INFO(r.body);
        REQUIRE(r.status == 201);
    }

    void capacity(std::string const& unit_id, int n)
    {
        auto r = call(
            "PUT",
            "/api/v1/units/" + unit_id + "/placement-capacity",
            R"({"max_students":)" + std::to_string(n) + "}",
            coordinator_t
        );
        INFO(r.body);
        REQUIRE(r.status == 200);
    }

    std::string learner(std::string const& name, std::string const& programme)
    {
        return create(
            "/api/v1/learners",
            R"({"given_name":")" + name + R"(","family_name":"Elev","programme_id":")" + programme + "\"}"
        );
    }

    http::response request(
        std::string const& learner_id,
        std::string const& unit_id,
        std::string const& from,
        std::string const& to,
        std::string const& extra = ""
    )
    {
        return call(
            "POST",
            "/api/v1/placements",
            R"({"learner_id":")" + learner_id + R"(","unit_id":")" + unit_id + R"(","starts_on":")" + from +
                R"(","ends_on":")" + to + "\"" + extra + "}",
            coordinator_t
        );
    }

    std::string requested(std::string const& unit_id, std::string const& from, std::string const& to)
    {
        auto r = request(learner("L" + std::to_string(++learners), apl), unit_id, from, to);
        INFO(r.body);
        REQUIRE(r.status == 201);
        return text(json_of(r), "id");
    }

    http::response confirm(std::string const& id, std::string const& supervisor, std::string token = "")
    {
        return call(
            "POST",
            "/api/v1/placements/" + id + "/confirm",
            R"({"supervisor_id":")" + supervisor + "\"}",
            token.empty() ? coordinator_t : token
        );
    }

    void at(char const* day)
    {
        auto const d = core::parse_iso_date(day);
        REQUIRE(d);
        clock.set(std::chrono::sys_days{*d}.time_since_epoch().count() * 86'400'000LL + 12 * 3'600'000LL);
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

    static std::string code_field(http::response const& r)
    {
        auto const o = json_of(r);
        auto const* field = o.if_contains("field");
        return text(o, "code") + " " + (field ? std::string(field->as_string()) : std::string());
    }

    /** Access tokens last 15 minutes of the clock: after moving it, everyone signs in again. */
    void sign_in_again()
    {
        amal_t = login("amal");
        berit_t = login("berit");
        chef_t = login("chef");
        omar_t = login("omar");
        coordinator_t = login("samordnare");
        hr_b = login("hr-b");
    }

    int learners = 0;
};

} // namespace

TEST_CASE_METHOD(
    placement_fixture,
    "a supervisor without supervisor-training step 1 cannot take an APL student; with it she can",
    "[http][placements]"
)
{
    capacity(norr, 2);
    auto const id = requested(norr, "2027-01-11", "2027-02-19");

    auto refused = confirm(id, amal);
    INFO(refused.body);
    CHECK(refused.status == 422);
    CHECK(code_field(refused) == "prerequisite_missing /supervisor_id");
    CHECK(text(json_of(refused), "detail").find("course:" + step1) != std::string::npos);

    // A supervisor from another unit is refused even when qualified.
    holds(omar, step1);
    CHECK(code_field(confirm(id, omar)) == "prerequisite_missing /supervisor_id");

    holds(amal, step1);
    auto ok = confirm(id, amal);
    INFO(ok.body);
    REQUIRE(ok.status == 200);
    CHECK(json_of(ok).at("status").as_string() == "confirmed");
    CHECK(json_of(ok).at("supervisor_id").as_string() == amal);
    // Confirming twice is a state error, not a second place.
    CHECK(code_field(confirm(id, amal)) == "invalid_state ");

    // She is told she has a student coming.
    auto notes = json_of(call("GET", "/api/v1/me/notifications", "", amal_t));
    bool told = false;
    for (auto const& n : notes.at("items").as_array())
        told = told || n.at("kind").as_string() == "placement.supervisor";
    CHECK(told);
}

TEST_CASE_METHOD(
    placement_fixture,
    "an apprentice needs their apprenticeship employment and a supervisor with step 2",
    "[http][placements]"
)
{
    capacity(norr, 2);
    holds(amal, step1);
    holds(berit, step1);
    holds(berit, step2);
    auto const lina = learner("Lina", lärling);

    // Not yet hired: an apprenticeship rests on an employment.
    auto unlinked = request(lina, norr, "2027-01-11", "2027-06-11");
    CHECK(code_field(unlinked) == "prerequisite_missing /learner_id");

    // Hired as an apprentice: the learner is linked, never copied.
    auto const lina_e = text(
        json_of(call(
            "POST",
            "/api/v1/employees",
            R"({"given_name":"Lina","family_name":"Elev","birth_date":"2006-04-01"})",
            hr_a
        )),
        "id"
    );
    auto const job = call(
        "POST",
        "/api/v1/employees/" + lina_e + "/employments",
        R"({"profession":"care_assistant","form":"apprenticeship","start_date":"2027-01-01","end_date":"2027-12-31","unit_ids":[")" +
            norr + "\"]}",
        hr_a
    );
    REQUIRE(job.status == 201);
    auto const job_id = text(json_of(job), "id");
    auto link = call(
        "POST", "/api/v1/learners/" + lina + "/link", R"({"employee_id":")" + lina_e + "\"}", coordinator_t
    );
    INFO(link.body);
    REQUIRE(link.status == 200);
    CHECK(json_of(link).at("employee_id").as_string() == lina_e);
    // Linking again to the same person changes nothing; to another is a conflict.
    CHECK(
        call(
            "POST",
            "/api/v1/learners/" + lina + "/link",
            R"({"employee_id":")" + lina_e + "\"}",
            coordinator_t
        )
            .status == 200
    );
    CHECK(
        call(
            "POST", "/api/v1/learners/" + lina + "/link", R"({"employee_id":")" + amal + "\"}", coordinator_t
        )
            .status == 409
    );
    auto const other = learner("Annan", apl);
    CHECK(
        call(
            "POST",
            "/api/v1/learners/" + other + "/link",
            R"({"employee_id":")" + lina_e + "\"}",
            coordinator_t
        )
            .status == 409
    );

    CHECK(
        code_field(request(lina, norr, "2027-01-11", "2027-06-11")) == "prerequisite_missing /employment_id"
    );
    // The employment must cover the start.
    CHECK(
        code_field(request(lina, norr, "2026-12-01", "2027-06-11", R"(,"employment_id":")" + job_id + "\"")
        ) == "validation_failed /employment_id"
    );
    auto made = request(lina, norr, "2027-01-11", "2027-06-11", R"(,"employment_id":")" + job_id + "\"");
    INFO(made.body);
    REQUIRE(made.status == 201);
    auto const id = text(json_of(made), "id");
    CHECK(json_of(made).at("form").as_string() == "apprenticeship");
    CHECK(json_of(made).at("employment_id").as_string() == job_id);

    // Step 1 is not enough for an apprentice; step 2 (with step 1) is.
    auto refused = confirm(id, amal);
    CHECK(code_field(refused) == "prerequisite_missing /supervisor_id");
    CHECK(text(json_of(refused), "detail").find("step 2") != std::string::npos);
    CHECK(text(json_of(refused), "detail").find("course:" + step2) != std::string::npos);
    CHECK(confirm(id, berit).status == 200);

    // An APL placement never carries an employment.
    CHECK(
        code_field(request(other, norr, "2027-01-11", "2027-02-11", R"(,"employment_id":")" + job_id + "\"")
        ) == "validation_failed /employment_id"
    );
}

TEST_CASE_METHOD(
    placement_fixture,
    "a unit and a supervisor never take more students at once than their capacity",
    "[http][placements]"
)
{
    holds(amal, step1);
    holds(berit, step1);
    auto const first = requested(norr, "2027-01-11", "2027-02-19");
    // A unit with no capacity set takes no students.
    CHECK(code_field(confirm(first, amal)) == "capacity_exceeded /unit_id");
    capacity(norr, 2);
    REQUIRE(confirm(first, amal).status == 200);

    // Amal supervises one student at a time (the default); Berit takes the second.
    auto const second = requested(norr, "2027-02-01", "2027-03-12");
    CHECK(code_field(confirm(second, amal)) == "capacity_exceeded /supervisor_id");
    REQUIRE(confirm(second, berit).status == 200);

    // The unit is full while both overlap (1-19 February), free again after.
    auto const third = requested(norr, "2027-02-15", "2027-02-26");
    auto full = confirm(third, berit);
    CHECK(code_field(full) == "capacity_exceeded /unit_id");
    auto const later = requested(norr, "2027-02-22", "2027-03-05");
    auto later_ok = confirm(later, amal); // the first placement ended on the 19th
    INFO(later_ok.body);
    CHECK(later_ok.status == 200);

    // A capacity below what is already confirmed is refused; cancelling frees a place.
    auto lower =
        call("PUT", "/api/v1/units/" + norr + "/placement-capacity", R"({"max_students":1})", coordinator_t);
    CHECK(code_field(lower) == "capacity_exceeded /max_students");
    REQUIRE(call("POST", "/api/v1/placements/" + second + "/cancel", "", coordinator_t).status == 200);
    CHECK(
        call("PUT", "/api/v1/units/" + norr + "/placement-capacity", R"({"max_students":1})", coordinator_t)
            .status == 200
    );
    auto const student_cap = call(
        "PUT",
        "/api/v1/employees/" + amal + "/capacity",
        R"({"max_students":0,"max_mentees":null})",
        coordinator_t
    );
    CHECK(code_field(student_cap) == "capacity_exceeded /max_students");
}

TEST_CASE_METHOD(
    placement_fixture,
    "randomised requests, confirmations and cancellations never exceed any capacity on any day",
    "[http][placements][property]"
)
{
    std::vector<std::string> const units{norr, soder};
    std::vector<std::string> const supervisors{amal, berit, chef, omar};
    for (auto const& s : supervisors)
        holds(s, step1);
    capacity(norr, 2);
    capacity(soder, 1);
    REQUIRE(
        call("PUT", "/api/v1/employees/" + berit + "/capacity", R"({"max_students":2})", coordinator_t)
            .status == 200
    );
    std::map<std::string, int> const unit_cap{{norr, 2}, {soder, 1}};
    std::map<std::string, int> const sup_cap{{amal, 1}, {berit, 2}, {chef, 1}, {omar, 1}};

    std::mt19937 rng(20261123);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    std::vector<std::string> ids;
    int confirmed = 0;
    int refused_for_capacity = 0;
    for (int step = 0; step < 150; ++step)
    {
        int const op = pick(10);
        if (op < 5 || ids.empty())
        {
            auto const start =
                std::chrono::sys_days{std::chrono::year{2027} / 1 / 1} + std::chrono::days{pick(40)};
            auto const end = start + std::chrono::days{pick(30)};
            ids.push_back(requested(
                units[static_cast<std::size_t>(pick(2))],
                core::format_iso_date(std::chrono::year_month_day{start}),
                core::format_iso_date(std::chrono::year_month_day{end})
            ));
        }
        else if (op < 9)
        {
            auto const r = confirm(
                ids[static_cast<std::size_t>(pick(static_cast<int>(ids.size())))],
                supervisors[static_cast<std::size_t>(pick(4))]
            );
            if (r.status == 200)
                ++confirmed;
            else if (text(json_of(r), "code") == "capacity_exceeded")
                ++refused_for_capacity;
        }
        else
            call(
                "POST",
                "/api/v1/placements/" + ids[static_cast<std::size_t>(pick(static_cast<int>(ids.size())))] +
                    "/cancel",
                "",
                coordinator_t
            );
    }
    CHECK(confirmed > 3);
    CHECK(refused_for_capacity > 3);

    // Count every day of the two months from what the server says is confirmed.
    std::vector<boost::json::object> taken;
    for (auto const& u : units)
    {
        auto const list = json_of(call("GET", "/api/v1/units/" + u + "/placements", "", coordinator_t));
        for (auto const& p : list.at("items").as_array())
            if (p.at("status").as_string() == "confirmed")
                taken.push_back(p.as_object());
    }
    for (int d = 0; d < 100; ++d)
    {
        auto const day = core::format_iso_date(std::chrono::year_month_day{
            std::chrono::sys_days{std::chrono::year{2027} / 1 / 1} + std::chrono::days{d}});
        std::map<std::string, int> per_unit, per_sup;
        for (auto const& p : taken)
            if (text(p, "starts_on") <= day && day <= text(p, "ends_on"))
            {
                ++per_unit[text(p, "unit_id")];
                ++per_sup[text(p, "supervisor_id")];
            }
        for (auto const& [u, n] : per_unit)
        {
            INFO(day << " unit " << u);
            CHECK(n <= unit_cap.at(u));
        }
        for (auto const& [s, n] : per_sup)
        {
            INFO(day << " supervisor " << s);
            CHECK(n <= sup_cap.at(s));
        }
    }
}

TEST_CASE_METHOD(
    placement_fixture,
    "confirmations racing for the last place: exactly the capacity wins",
    "[http][placements]"
)
{
    capacity(norr, 2);
    for (auto const& s : {amal, berit, chef})
        holds(s, step1);
    REQUIRE(
        call("PUT", "/api/v1/employees/" + chef + "/capacity", R"({"max_students":6})", coordinator_t)
            .status == 200
    );
    std::vector<std::string> ids;
    for (int i = 0; i < 6; ++i)
        ids.push_back(requested(norr, "2027-03-01", "2027-03-31"));

    std::atomic<int> won{0}, full{0}, other{0};
    std::vector<std::thread> threads;
    for (auto const& id : ids)
        threads.emplace_back([&, id] {
            storage::unit_of_work uow{*db, storage::access_mode::write};
            core::principal coordinator{
                "coordinator",
                org_a,
                std::nullopt,
                static_cast<unsigned>(core::role::education_coordinator),
                std::nullopt};
            auto r = core::placement_service{uow.workplace_ports(), clock}.confirm(coordinator, id, chef);
            if (r)
            {
                uow.commit();
                ++won;
            }
            else if (r.error().code == core::errc::capacity_exceeded)
                ++full;
            else
                ++other;
        });
    for (auto& t : threads)
        t.join();
    CHECK(won == 2);
    CHECK(full == 4);
    CHECK(other == 0);
}

TEST_CASE_METHOD(
    placement_fixture,
    "a placement runs: start on its first day, notes in fixed fields by the supervisor, hours, the "
    "tripartite meeting, completion",
    "[http][placements]"
)
{
    capacity(norr, 1);
    holds(amal, step1);
    auto const id = requested(norr, "2026-11-30", "2027-01-29");
    REQUIRE(confirm(id, amal, chef_t).status == 200); // the unit's manager may confirm
    auto const path = "/api/v1/placements/" + id;

    CHECK(code_field(call("POST", path + "/start", "", amal_t)) == "invalid_state ");
    at("2026-11-30");
    sign_in_again();
    auto started = call("POST", path + "/start", "", amal_t);
    INFO(started.body);
    REQUIRE(started.status == 200);
    CHECK(json_of(started).at("status").as_string() == "ongoing");
    // Not completed before the tripartite meeting is held.
    CHECK(code_field(call("POST", path + "/complete", "", amal_t)) == "invalid_state ");

    auto note = [&](std::string const& body, std::string const& token) {
        return call("POST", path + "/notes", body, token);
    };
    std::string const n1 =
        R"({"note_id":"01a20000-0000-7000-8000-000000000001","written_on":"2026-11-30","area":"hygiene_routines","progress":"with_support"})";
    auto written = note(n1, amal_t);
    INFO(written.body);
    CHECK(written.status == 201);
    CHECK(note(n1, amal_t).status == 201); // a retry returns the same note
    // Fixed fields only: a grade or an unknown area is refused with its field.
    CHECK(
        code_field(note(
            R"({"note_id":"01a20000-0000-7000-8000-000000000002","written_on":"2026-11-30","area":"hygiene_routines","progress":"A"})",
            amal_t
        )) == "validation_failed /progress"
    );
    CHECK(
        code_field(note(
            R"({"note_id":"01a20000-0000-7000-8000-000000000003","written_on":"2026-11-30","area":"betyg","progress":"introduced"})",
            amal_t
        )) == "validation_failed /area"
    );
    // The manager reads but does not write the supervisor's notes; a colleague does not see the placement.
    CHECK(
        note(
            R"({"note_id":"01a20000-0000-7000-8000-000000000004","written_on":"2026-11-30","area":"care_tasks","progress":"introduced"})",
            chef_t
        )
            .status == 403
    );
    CHECK(call("GET", path, "", berit_t).status == 404);
    CHECK(call("GET", path, "", omar_t).status == 404);
    CHECK(call("GET", path, "", hr_b).status == 404);

    CHECK(call("POST", path + "/hours", R"({"worked_on":"2026-11-30","hours":7.5})", amal_t).status == 200);
    CHECK(
        call("POST", path + "/hours", R"({"worked_on":"2026-11-30","hours":8})", amal_t).status == 200
    ); // corrected
    CHECK(
        code_field(call("POST", path + "/hours", R"({"worked_on":"2026-12-01","hours":8})", amal_t)) ==
        "validation_failed /worked_on"
    );
    CHECK(
        code_field(call("POST", path + "/hours", R"({"worked_on":"2026-11-30","hours":25})", amal_t)) ==
        "validation_failed /hours"
    );

    CHECK(call("POST", path + "/meeting", R"({"planned_on":"2026-12-18"})", coordinator_t).status == 200);
    CHECK(
        code_field(call("POST", path + "/meeting", R"({"held_on":"2026-12-18"})", amal_t)) ==
        "validation_failed /held_on"
    );
    at("2026-12-18");
    sign_in_again();
    REQUIRE(call("POST", path + "/meeting", R"({"held_on":"2026-12-18"})", amal_t).status == 200);
    auto done = call("POST", path + "/complete", "", amal_t);
    INFO(done.body);
    REQUIRE(done.status == 200);
    auto const v = json_of(done);
    CHECK(v.at("status").as_string() == "completed");
    CHECK(v.at("meeting_held_on").as_string() == "2026-12-18");
    CHECK(v.at("hours_logged").as_double() == Approx(8.0));
    REQUIRE(v.at("notes").as_array().size() == 1);
    CHECK(v.at("notes").as_array()[0].at("progress").as_string() == "with_support");
    CHECK(v.at("learner").at("given_name").as_string() == "L1");
    // Over: nothing more is written, and it cannot be cancelled.
    CHECK(call("POST", path + "/cancel", "", coordinator_t).status == 409);
    CHECK(call("POST", path + "/hours", R"({"worked_on":"2026-12-01","hours":8})", amal_t).status == 409);

    // The supervisor's own list on the phone.
    auto mine = json_of(call("GET", "/api/v1/me/placements", "", amal_t));
    REQUIRE(mine.at("items").as_array().size() == 1);
    CHECK(mine.at("items").as_array()[0].at("id").as_string() == id);
}

TEST_CASE_METHOD(
    placement_fixture,
    "who can take a student in a period: units with room and supervisors with the step and room",
    "[http][placements]"
)
{
    capacity(norr, 2);
    capacity(soder, 1);
    holds(amal, step1);
    holds(berit, step1);
    holds(berit, step2);
    holds(omar, step1);
    REQUIRE(confirm(requested(soder, "2027-03-01", "2027-03-31"), omar).status == 200);
    REQUIRE(confirm(requested(norr, "2027-03-01", "2027-03-31"), amal).status == 200);

    auto const r =
        call("GET", "/api/v1/placement-availability?from=2027-03-15&to=2027-04-15", "", coordinator_t);
    INFO(r.body);
    REQUIRE(r.status == 200);
    std::map<std::string, boost::json::object> by_unit;
    auto const found = json_of(r);
    for (auto const& u : found.at("items").as_array())
        by_unit[text(u.as_object(), "unit_id")] = u.as_object();
    REQUIRE(by_unit.size() == 2);
    CHECK(by_unit[norr].at("free").as_int64() == 1);
    CHECK(by_unit[norr].at("can_take_student").as_bool());
    auto const& sups = by_unit[norr].at("supervisors").as_array();
    REQUIRE(sups.size() == 1); // Amal is busy, Chef has no training
    CHECK(sups[0].at("employee_id").as_string() == berit);
    CHECK(sups[0].at("step").as_int64() == 2);
    CHECK(by_unit[soder].at("free").as_int64() == 0);
    CHECK_FALSE(by_unit[soder].at("can_take_student").as_bool());

    // After March both are free again.
    auto const april =
        json_of(call("GET", "/api/v1/placement-availability?from=2027-04-01&to=2027-04-30", "", coordinator_t)
        );
    for (auto const& u : april.at("items").as_array())
        CHECK(u.at("can_take_student").as_bool());

    // A manager sees only their units; staff may not ask; a bad period is a 400 with its field.
    auto const managed =
        json_of(call("GET", "/api/v1/placement-availability?from=2027-04-01&to=2027-04-30", "", chef_t));
    REQUIRE(managed.at("items").as_array().size() == 1);
    CHECK(managed.at("items").as_array()[0].at("unit_id").as_string() == norr);
    CHECK(
        call("GET", "/api/v1/placement-availability?from=2027-04-01&to=2027-04-30", "", amal_t).status == 403
    );
    CHECK(
        code_field(
            call("GET", "/api/v1/placement-availability?from=2027-04-30&to=2027-04-01", "", coordinator_t)
        ) == "validation_failed /to"
    );
}

TEST_CASE_METHOD(placement_fixture, "the registers' rules, each refused with its field", "[http][placements]")
{
    CHECK(
        code_field(
            call("POST", "/api/v1/education-providers", R"({"name":"X","kind":"school"})", coordinator_t)
        ) == "validation_failed /kind"
    );
    CHECK(
        code_field(call(
            "POST",
            "/api/v1/education-programmes",
            R"({"provider_id":"01a20000-0000-7000-8000-000000000009","name":"X","form":"apl"})",
            coordinator_t
        )) == "validation_failed /provider_id"
    );
    CHECK(
        code_field(call(
            "POST",
            "/api/v1/learners",
            R"({"given_name":"","family_name":"E","programme_id":")" + apl + "\"}",
            coordinator_t
        )) == "validation_failed /given_name"
    );
    CHECK(
        code_field(request(learner("Kim", apl), norr, "2027-02-01", "2027-01-01")) ==
        "validation_failed /ends_on"
    );
    CHECK(
        code_field(request(learner("Kim", apl), norr, "2027-02-30", "2027-03-01")) ==
        "validation_failed /starts_on"
    );
    CHECK(
        code_field(call(
            "PUT",
            "/api/v1/placement-policy",
            R"({"step_1_course_ids":["nope"]})",
            coordinator_t,
            {{"If-Match", "\"1\""}}
        )) == "validation_failed /steps/0/course_ids/0"
    );
    CHECK(
        call("PUT", "/api/v1/placement-policy", "{}", coordinator_t, {{"If-Match", "\"0\""}}).status == 409
    );
    CHECK(
        code_field(call(
            "PUT", "/api/v1/units/" + norr + "/placement-capacity", R"({"max_students":1.5})", coordinator_t
        )) == "validation_failed /max_students"
    );
    // Staff and other organisations keep out of the registers.
    CHECK(call("GET", "/api/v1/learners", "", amal_t).status == 403);
    CHECK(
        call(
            "POST",
            "/api/v1/learners",
            R"({"given_name":"A","family_name":"B","programme_id":")" + apl + "\"}",
            chef_t
        )
            .status == 403
    );
    CHECK(call("GET", "/api/v1/learners", "", hr_b).status == 200);
    CHECK(json_of(call("GET", "/api/v1/learners", "", hr_b)).at("items").as_array().empty());
    // A manager may request a placement in their unit, not in another.
    auto const kim = learner("Kim", apl);
    auto mine = call(
        "POST",
        "/api/v1/placements",
        R"({"learner_id":")" + kim + R"(","unit_id":")" + norr +
            R"(","starts_on":"2027-02-01","ends_on":"2027-03-01"})",
        chef_t
    );
    CHECK(mine.status == 201);
    auto theirs = call(
        "POST",
        "/api/v1/placements",
        R"({"learner_id":")" + kim + R"(","unit_id":")" + soder +
            R"(","starts_on":"2027-02-01","ends_on":"2027-03-01"})",
        chef_t
    );
    CHECK(theirs.status == 403);
}
