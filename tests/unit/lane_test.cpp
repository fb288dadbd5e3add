#include "sync/protocol/lane.hpp"

#include <catch2/catch.hpp>

using namespace kompetens::sync;

TEST_CASE("sync lanes have stable wire names", "[unit][sync]")
{
    CHECK(parse_lane("critical") == lane::critical);
    CHECK(parse_lane("normal") == lane::normal);
    CHECK_FALSE(parse_lane("Critical"));
    CHECK(lane_name(lane::critical) == "critical");
    CHECK(lane_name(*parse_lane("normal")) == "normal");
}
