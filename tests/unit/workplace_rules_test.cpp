// The pure rules of workplace learning and the projection: overlap counting, the placement's states, the
// supervisor step a form needs, and the projection's arithmetic.
#include "server/core/calendar.hpp"
#include "server/core/placement.hpp"
#include "server/core/workforce_projection.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <random>

using namespace kompetens::core;

TEST_CASE("the most placements on any one day of a span", "[unit][placements]")
{
    std::vector<date_span> const others{
        {"2027-01-01", "2027-01-31"}, {"2027-01-20", "2027-02-10"}, {"2027-02-01", "2027-02-28"}};
    CHECK(peak_overlap(others, {"2027-01-01", "2027-01-10"}) == 1);
    CHECK(peak_overlap(others, {"2027-01-15", "2027-01-25"}) == 2);
    CHECK(peak_overlap(others, {"2027-02-01", "2027-02-05"}) == 2);
    CHECK(peak_overlap(others, {"2027-02-11", "2027-03-31"}) == 1);
    CHECK(peak_overlap(others, {"2027-03-01", "2027-03-31"}) == 0);
    // Inclusive ends: the last day of one and the first of the next overlap.
    CHECK(peak_overlap({{"2027-01-01", "2027-01-31"}}, {"2027-01-31", "2027-02-15"}) == 1);
}

TEST_CASE("peak overlap equals a day-by-day count, for random placements", "[unit][placements][property]")
{
    std::mt19937 rng(7);
    auto const base = std::chrono::sys_days{std::chrono::year{2027} / 1 / 1};
    auto day = [&](int n) {
        return format_iso_date(std::chrono::year_month_day{base + std::chrono::days{n}});
    };
    for (int round = 0; round < 200; ++round)
    {
        std::vector<date_span> others;
        for (int i = 0; i < 6; ++i)
        {
            int const from = static_cast<int>(rng() % 60);
            others.push_back({day(from), day(from + static_cast<int>(rng() % 20))});
        }
        int const from = static_cast<int>(rng() % 60);
        date_span const span{day(from), day(from + static_cast<int>(rng() % 20))};
        int expected = 0;
        for (auto d = span.from; d <= span.to;)
        {
            int n = 0;
            for (auto const& o : others)
                n += o.from <= d && d <= o.to ? 1 : 0;
            expected = std::max(expected, n);
            d = format_iso_date(std::chrono::year_month_day{
                std::chrono::sys_days{*parse_iso_date(d)} + std::chrono::days{1}});
        }
        CHECK(peak_overlap(others, span) == expected);
    }
}

TEST_CASE("a placement moves forward only, and is cancelled before it is completed", "[unit][placements]")
{
    CHECK(may_move("requested", "confirmed"));
    CHECK(may_move("confirmed", "ongoing"));
    CHECK(may_move("ongoing", "completed"));
    CHECK_FALSE(may_move("requested", "ongoing"));
    CHECK_FALSE(may_move("confirmed", "completed"));
    CHECK_FALSE(may_move("completed", "ongoing"));
    for (auto const* from : {"requested", "confirmed", "ongoing"})
        CHECK(may_move(from, "cancelled"));
    CHECK_FALSE(may_move("completed", "cancelled"));
    CHECK_FALSE(may_move("cancelled", "cancelled"));
}

TEST_CASE("apprentices and validation need supervisor step 2, other forms step 1", "[unit][placements]")
{
    CHECK(required_supervisor_step("apprenticeship") == 2);
    CHECK(required_supervisor_step("validation") == 2);
    for (auto const* form : {"apl", "adult_vocational", "lia", "internship"})
        CHECK(required_supervisor_step(form) == 1);

    placement_policy pol;
    pol.step_courses[0] = {"c1"};
    training_record r1;
    r1.course_id = "c1";
    r1.attested = true;
    r1.completed_on = "2025-01-01";
    // A step the organisation never defined cannot be held.
    CHECK(supervisor_missing(pol, {r1}, 1, "2026-11-23").empty());
    CHECK(supervisor_missing(pol, {r1}, 2, "2026-11-23") == std::vector<std::string>{"step:2"});
    pol.step_courses[1] = {"c2"};
    CHECK(supervisor_missing(pol, {r1}, 2, "2026-11-23") == std::vector<std::string>{"course:c2"});
    // A lapsed course does not count.
    r1.valid_until = "2026-11-22";
    CHECK(supervisor_missing(pol, {r1}, 1, "2026-11-23") == std::vector<std::string>{"course:c1"});
}

TEST_CASE("the projection's arithmetic for hand-made people", "[unit][workforce]")
{
    projection_assumptions a;
    a.as_of = "2026-11-23";
    a.target_ages = default_target_ages();
    projection_person p1; // leaves 2028 (born 1961: 67)
    p1.unit_id = "u";
    p1.profession = "assistant_nurse";
    p1.birth_date = "1961-02-28";
    p1.delegation_ready = true;
    projection_person p2 = p1; // stays
    p2.birth_date = "1995-06-01";
    p2.delegation_ready = false;
    p2.mentor_capacity = 2;
    projection_person p3 = p2; // stays, delegation-ready
    p3.delegation_ready = true;
    p3.mentor_capacity = 0;
    projection_person p4 = p2; // leaves at once under the personal plan
    p4.planned_exit_on = "2026-12-31";
    p4.mentor_capacity = 0;

    auto const out = project({p1, p2, p3, p4}, a);
    auto const& y = out.total.years;
    REQUIRE(y.size() == 10);
    CHECK(y[0].year == 2026);
    CHECK(y[0].remaining == 4); // the personal plan does not count under target_age
    CHECK(y[2].exits == 1);     // p1 in 2028
    CHECK(y[2].remaining == 3);
    // Delegation-ready today: 2 of 4. Needed with 4 staff: 2; after p1 leaves only p3 → gap 1.
    CHECK(y[1].delegation_ready == 2);
    CHECK(y[1].delegation_gap == 0);
    CHECK(y[2].delegation_ready == 1);
    CHECK(y[2].delegation_gap == 1);
    CHECK(y[9].mentor_supply == 2);

    a.exit_rule = "personal_plan";
    auto const planned = project({p1, p2, p3, p4}, a);
    CHECK(planned.total.years[0].exits == 1);
    CHECK(planned.total.years[0].remaining == 3);
    CHECK(planned.total.years[0].mentor_need == 1);

    // Growth and gaps scale together: 5 % on 4 staff rounds to 4 until the need reaches 5.
    a.exit_rule = "target_age";
    a.demand_growth_per_mille = 50;
    auto const grown = project({p1, p2, p3, p4}, a);
    std::vector<int> need;
    for (auto const& yr : grown.total.years)
        need.push_back(yr.need);
    // 4 → 4.2 → 4 each year: rounding each step keeps a small team flat, as a planner would count heads.
    CHECK(need == std::vector<int>(10, 4));
    a.demand_growth_per_mille = 150;
    auto const fast = project({p1, p2, p3, p4}, a);
    CHECK(fast.total.years[1].need == 5);           // 4.6
    CHECK(fast.total.years[2].need == 6);           // 5.75
    CHECK(fast.total.years[2].delegation_gap == 2); // round(2 × 6 / 4) = 3 needed, 1 left
}

TEST_CASE("target-age tables parse strictly", "[unit][workforce]")
{
    auto const t = parse_target_ages("0:65,1958:66,1959:67");
    REQUIRE(t);
    CHECK(t->size() == 3);
    CHECK_FALSE(parse_target_ages(""));
    CHECK_FALSE(parse_target_ages("1959:67,1958:66"));
    CHECK_FALSE(parse_target_ages("1959"));
    CHECK_FALSE(parse_target_ages("1959:x"));
    CHECK_FALSE(parse_target_ages("1959:90"));
    projection_assumptions a;
    a.as_of = "2026-11-23";
    a.target_ages = *parse_target_ages("0:70");
    projection_person p;
    p.birth_date = "1960-02-29";
    CHECK(assumed_exit(p, a) == "2030-02-28"); // a leap-day birth is a year older on 28 February
}
