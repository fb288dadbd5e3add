#include "server/core/calendar.hpp"
#include "server/core/delegation.hpp"

#include <catch2/catch.hpp>

using namespace kompetens::core;

namespace {

long long utc(int y, unsigned m, unsigned d, int h, int min = 0)
{
    using namespace std::chrono;
    auto const t = sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
    return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

delegation_decision active_through(std::string from, std::string to)
{
    delegation_decision d;
    d.id = "d1";
    d.task_ids = {"med"};
    d.unit_ids = {"u1"};
    d.valid_from = std::move(from);
    d.valid_to = std::move(to);
    d.state = delegation_state::active;
    d.activated_at = 0;
    return d;
}

bool allowed_at(delegation_decision const& d, long long t)
{
    return may_perform({d}, "med", place{{"u1"}, std::nullopt}, t).allowed;
}

} // namespace

TEST_CASE("valid_to ends at Stockholm midnight on the day summer time starts", "[unit][delegation]")
{
    // 2027-03-28 is the last Sunday of March: 23 hours long; the next midnight is 22:00 UTC.
    auto const d = active_through("2027-01-01", "2027-03-28");
    CHECK(allowed_at(d, utc(2027, 3, 28, 21, 59)));
    CHECK_FALSE(allowed_at(d, utc(2027, 3, 28, 22, 0)));
}

TEST_CASE("valid_to ends at Stockholm midnight on the day summer time ends", "[unit][delegation]")
{
    // 2027-10-31 is the last Sunday of October: 25 hours long; the next midnight is 23:00 UTC.
    auto const d = active_through("2027-06-01", "2027-10-31");
    CHECK(allowed_at(d, utc(2027, 10, 31, 22, 59)));
    CHECK_FALSE(allowed_at(d, utc(2027, 10, 31, 23, 0)));
    // And it starts at Stockholm midnight, in summer 22:00 UTC the day before.
    CHECK_FALSE(allowed_at(d, utc(2027, 5, 31, 21, 59)));
    CHECK(allowed_at(d, utc(2027, 5, 31, 22, 0)));
}

TEST_CASE("a year from a leap day runs through 27 February: never longer than a year", "[unit][delegation]")
{
    // The anniversary of 29 February is clamped to 28 February in a common year, and the decision ends the
    // day before it: 365 days, on the safe side of "at most one year".
    CHECK(last_allowed_day("2028-02-29", 12) == "2029-02-27");
    CHECK(last_allowed_day("2027-03-01", 12) == "2028-02-29");
    CHECK(last_allowed_day("2026-11-23", 12) == "2027-11-22");
    CHECK(last_allowed_day("2026-11-23", 6) == "2027-05-22");
    auto const leap = active_through("2028-02-29", "2028-02-29");
    CHECK(allowed_at(leap, utc(2028, 2, 29, 12)));
    CHECK_FALSE(allowed_at(leap, utc(2028, 2, 29, 23, 0))); // 00:00 on 1 March
    delegation_decision draft = active_through("2028-02-29", "2029-03-01");
    draft.delegate_id = "0190a1b2-0000-7000-8000-000000000001";
    draft.delegator_id = "0190a1b2-0000-7000-8000-000000000002";
    draft.task_ids = {"0190a1b2-0000-7000-8000-000000000003"};
    draft.unit_ids = {"0190a1b2-0000-7000-8000-000000000004"};
    auto const f = validate(draft, "2028-02-01");
    REQUIRE(f);
    CHECK(f->field == "/valid_to");
    draft.valid_to = "2029-02-28";
    CHECK(validate(draft, "2028-02-01"));
    draft.valid_to = "2029-02-27";
    CHECK_FALSE(validate(draft, "2028-02-01"));
}

TEST_CASE("may_perform explains every refusal", "[unit][delegation]")
{
    auto d = active_through("2027-01-01", "2027-12-31");
    auto const here = place{{"u1"}, std::nullopt};
    CHECK(
        may_perform({}, "med", here, utc(2027, 6, 1, 12)).reasons ==
        std::vector<std::string>{"no_delegation_for_task"}
    );
    CHECK(
        may_perform({d}, "med", place{{"u2"}, std::nullopt}, utc(2027, 6, 1, 12)).reasons[0] ==
        "d1:place_not_covered"
    );
    CHECK(may_perform({d}, "med", here, utc(2026, 12, 1, 12)).reasons[0] == "d1:not_yet_valid");
    CHECK(may_perform({d}, "med", here, utc(2028, 1, 1, 12)).reasons[0] == "d1:expired");
    d.state = delegation_state::revoked;
    d.ended_at = utc(2027, 6, 1, 10);
    CHECK(may_perform({d}, "med", here, utc(2027, 6, 1, 9, 59)).allowed); // before the revocation
    CHECK(may_perform({d}, "med", here, utc(2027, 6, 1, 10)).reasons[0] == "d1:revoked");
    d.activated_at.reset();
    d.state = delegation_state::awaiting_signatures;
    d.ended_at.reset();
    CHECK(may_perform({d}, "med", here, utc(2027, 6, 1, 12)).reasons[0] == "d1:awaiting_signatures");
}

TEST_CASE("an area covers the units below it; a patient scope only that patient", "[unit][delegation]")
{
    auto d = active_through("2027-01-01", "2027-12-31");
    d.scope_kind = "area";
    d.unit_ids = {"area"};
    CHECK(covers(d, place{{"ward", "area"}, std::nullopt}));
    CHECK_FALSE(covers(d, place{{"elsewhere", "root"}, std::nullopt}));
    d.scope_kind = "patient";
    d.unit_ids = {"ward"};
    d.patient_ref = "P-1";
    CHECK(covers(d, place{{"ward", "area"}, std::string("P-1")}));
    CHECK_FALSE(covers(d, place{{"ward", "area"}, std::string("P-2")}));
    CHECK_FALSE(covers(d, place{{"ward", "area"}, std::nullopt}));
}
