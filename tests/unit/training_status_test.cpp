#include "server/core/reminders.hpp"
#include "server/core/training.hpp"

#include <catch2/catch.hpp>

using namespace kompetens::core;

namespace {
course_version yearly(int window = 30, int grace = 0)
{
    course_version v;
    v.id = "v1";
    v.validity_months = 12;
    v.renewal_window_days = window;
    v.grace_days = grace;
    return v;
}

status_inputs with_record(std::string completed, bool attested, course_version v)
{
    status_inputs in;
    assignment a;
    a.due_date = "2026-01-31";
    in.active_assignment = a;
    training_record r;
    r.completed_on = completed;
    r.valid_until = valid_until_for(completed, v);
    r.attested = attested;
    in.latest_record = r;
    in.record_version = v;
    return in;
}
} // namespace

TEST_CASE("every requirement state is reachable and judged on the day", "[unit][training]")
{
    status_inputs none;
    CHECK(judge(none, "2026-11-23") == requirement_state::missing);

    status_inputs assigned;
    assigned.active_assignment = assignment{};
    CHECK(judge(assigned, "2026-11-23") == requirement_state::assigned);
    assigned.progress_started = true;
    CHECK(judge(assigned, "2026-11-23") == requirement_state::in_progress);

    auto const v = yearly(30);
    CHECK(
        judge(with_record("2026-03-01", false, v), "2026-11-23") == requirement_state::completed_unattested
    );
    CHECK(judge(with_record("2026-03-01", true, v), "2026-11-23") == requirement_state::valid);
    // valid_until 2027-02-28: expiring from 30 days before, through the last day.
    CHECK(judge(with_record("2026-03-01", true, v), "2027-01-28") == requirement_state::valid);
    CHECK(judge(with_record("2026-03-01", true, v), "2027-01-29") == requirement_state::expiring);
    CHECK(judge(with_record("2026-03-01", true, v), "2027-02-28") == requirement_state::expiring);
    CHECK(judge(with_record("2026-03-01", true, v), "2027-03-01") == requirement_state::expired);
    auto renewing = with_record("2026-03-01", true, v);
    renewing.progress_started = true;
    CHECK(judge(renewing, "2027-03-01") == requirement_state::in_progress);
    // An unattested record that has lapsed is simply expired.
    CHECK(judge(with_record("2025-01-01", false, v), "2026-11-23") == requirement_state::expired);
}

TEST_CASE("a grace period keeps a lapsed record in force a little longer", "[unit][training]")
{
    auto const v = yearly(0, 14);
    CHECK(judge(with_record("2026-03-01", true, v), "2027-03-14") == requirement_state::expiring);
    CHECK(judge(with_record("2026-03-01", true, v), "2027-03-15") == requirement_state::expired);
}

TEST_CASE("an exemption wins until its last day", "[unit][training]")
{
    auto in = with_record("2024-01-01", true, yearly());
    exemption e;
    e.until = "2026-12-31";
    in.active_exemption = e;
    CHECK(judge(in, "2026-12-31") == requirement_state::exempted);
    CHECK(judge(in, "2027-01-01") == requirement_state::expired);
    in.active_exemption->until.reset();
    CHECK(judge(in, "2030-01-01") == requirement_state::exempted);
}

TEST_CASE("validity is counted in calendar months to the day before", "[unit][training]")
{
    auto v = yearly();
    CHECK(valid_until_for("2026-01-01", v) == "2026-12-31");
    CHECK(valid_until_for("2024-02-29", v) == "2025-02-28"); // from a leap day
    v.validity_months = 1;
    CHECK(valid_until_for("2026-01-31", v) == "2026-02-28"); // no 31 February
    CHECK(valid_until_for("2026-01-15", v) == "2026-02-14");
    v.validity_months.reset();
    CHECK_FALSE(valid_until_for("2026-01-15", v));
    CHECK(add_days("2026-12-31", 1) == "2027-01-01");
    CHECK(add_days("2028-02-28", 1) == "2028-02-29");
}

TEST_CASE("catalogue and rule fields are checked", "[unit][training]")
{
    course c{"", "", "HLR", "Hjärt-lungräddning", "classroom", "HLR-rådet", "", "draft", 0, 1};
    CHECK_FALSE(validate(c));
    c.code = "hlr lower";
    CHECK(validate(c)->field == "/code");
    course_version v = yearly();
    v.validity_months = 0;
    CHECK(validate(v)->field == "/validity_months");
    requirement_rule r;
    r.course_id = "c";
    r.scope_kind = "organisation";
    CHECK_FALSE(validate(r));
    r.scope_kind = "profession";
    CHECK(validate(r)->field == "/scope_value");
    r.scope_value = "assistant_nurse";
    r.due_days = -1;
    CHECK(validate(r)->field == "/due_days");
}

TEST_CASE("a training status calls for the nearest reminder only", "[unit][training][notifications]")
{
    using kompetens::core::requirement_state;
    using kompetens::core::requirement_status;
    using kompetens::core::training_reminder;
    auto const kind_on = [](requirement_state st, char const* due, char const* today) {
        requirement_status s{"org", "emp", "course", st, std::string(due), std::nullopt};
        auto r = training_reminder(s, today);
        return r ? r->kind : std::string("none");
    };
    CHECK(kind_on(requirement_state::assigned, "2026-12-31", "2026-11-23") == "none"); // 38 days
    CHECK(kind_on(requirement_state::assigned, "2026-12-23", "2026-11-23") == "training.due_30");
    CHECK(kind_on(requirement_state::in_progress, "2026-12-07", "2026-11-23") == "training.due_14");
    CHECK(kind_on(requirement_state::missing, "2026-11-26", "2026-11-23") == "training.due_3");
    CHECK(kind_on(requirement_state::assigned, "2026-11-23", "2026-11-23") == "training.due_3"); // due today
    CHECK(kind_on(requirement_state::assigned, "2026-11-22", "2026-11-23") == "training.overdue");
    CHECK(kind_on(requirement_state::valid, "2026-11-22", "2026-11-23") == "none");
    CHECK(kind_on(requirement_state::completed_unattested, "2026-11-22", "2026-11-23") == "none");
    CHECK(kind_on(requirement_state::exempted, "2026-11-22", "2026-11-23") == "none");

    requirement_status expiring{
        "org", "emp", "course", requirement_state::expiring, std::nullopt, "2026-12-10"};
    auto r = training_reminder(expiring, "2026-11-23");
    REQUIRE(r);
    CHECK(r->kind == "training.expiring");
    CHECK(r->key == "training.expiring:emp:course:2026-12-10");
    // The next cycle expires on another day: a new reminder, not a duplicate of this one.
    expiring.valid_until = "2027-12-10";
    CHECK(training_reminder(expiring, "2027-11-23")->key != r->key);
}
