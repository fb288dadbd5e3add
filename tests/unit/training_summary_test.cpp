#include "server/core/training_summary.hpp"

#include <catch2/catch.hpp>

using namespace kompetens::core;

namespace {
summary_cell const&
cell(std::vector<summary_cell> const& cells, std::string const& unit, std::string const& course)
{
    for (auto const& c : cells)
        if (c.unit_id == unit && c.course_id == course)
            return c;
    FAIL("no cell " << unit << "/" << course);
    return cells.front();
}
} // namespace

TEST_CASE("the summary counts the compliant by gender and suppresses groups under five", "[unit][training]")
{
    std::vector<status_count> counts{
        {"u1", "hlr", "valid", "female", 6},
        {"u1", "hlr", "expiring", "female", 1},
        {"u1", "hlr", "expired", "male", 3},
        {"u1", "hlr", "assigned", "", 2},
        {"u2", "hlr", "valid", "female", 3},
        {"", "hlr", "valid", "female", 9},
        {"", "hlr", "expiring", "female", 1},
        {"", "hlr", "expired", "male", 3},
        {"", "hlr", "assigned", "", 2},
    };
    auto const cells = summarise(counts);

    auto const& u1 = cell(cells, "u1", "hlr");
    CHECK_FALSE(u1.suppressed);
    CHECK(u1.people == 12);
    CHECK(u1.compliant == 7); // valid and expiring count as compliant
    CHECK(u1.compliant_by_gender.at("female") == 7);
    CHECK_FALSE(u1.compliant_by_gender.at("male"));       // 3 men: too few to show
    CHECK_FALSE(u1.compliant_by_gender.at("unrecorded")); // 2 people
    CHECK(u1.compliant_by_gender.at("other") == 0);       // nobody: nothing to hide

    auto const& u2 = cell(cells, "u2", "hlr");
    CHECK(u2.suppressed);
    CHECK(u2.people == 0);
    CHECK_FALSE(u2.compliant);

    auto const& all = cell(cells, "", "hlr");
    CHECK(all.people == 15);
    CHECK(all.compliant == 10);
}
