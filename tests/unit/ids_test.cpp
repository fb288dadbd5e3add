#include "server/core/ids.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace kompetens::core;

TEST_CASE("new ids are canonical UUIDv7 text", "[unit][ids]")
{
    auto const id = new_uuid_v7(1'795'430'457'487);
    REQUIRE(is_uuid(id));
    CHECK(id[14] == '7');                                                      // version
    CHECK((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b')); // variant 10xx
    CHECK(id.substr(0, 8) == "01a207fe"); // the millisecond timestamp leads
}

TEST_CASE("ids minted in the same millisecond still sort in creation order", "[unit][ids]")
{
    // Cursor pagination orders by id, so a burst of creates (the demo seed, an import) must list in the
    // order it was made.
    std::vector<std::string> ids;
    for (int i = 0; i < 5000; ++i)
        ids.push_back(new_uuid_v7(1'800'000'000'000));
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
}

TEST_CASE("a clock that steps back does not make ids go backwards", "[unit][ids]")
{
    auto const a = new_uuid_v7(1'900'000'000'000);
    auto const b = new_uuid_v7(1'899'999'999'000);
    CHECK(a < b);
}

TEST_CASE("is_uuid refuses everything that is not the canonical form", "[unit][ids]")
{
    CHECK(is_uuid("01a207fe-a08f-732e-b719-162aed06a027"));
    CHECK(is_uuid("01A207FE-A08F-732E-B719-162AED06A027"));
    CHECK_FALSE(is_uuid("01a207fe-a08f-732e-b719-162aed06a02"));
    CHECK_FALSE(is_uuid("01a207fe_a08f-732e-b719-162aed06a027"));
    CHECK_FALSE(is_uuid("01a207fe-a08f-732e-b719-162aed06a02g"));
    CHECK_FALSE(is_uuid("' or 1=1 --"));
    CHECK_FALSE(is_uuid(""));
}
