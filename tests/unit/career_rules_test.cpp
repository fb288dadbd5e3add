// The LAS date (last day of the month of turning 69, date-versioned: 67 before 2020, 68 in 2020-2022) at
// its edges, and the target retirement age.
#include "server/core/career.hpp"

#include <catch2/catch.hpp>

using namespace kompetens::core;

TEST_CASE("the LAS age follows the rule in force on the day", "[unit][career]")
{
    CHECK(las_age_in_force("2019-12-31") == 67);
    CHECK(las_age_in_force("2020-01-01") == 68);
    CHECK(las_age_in_force("2022-12-31") == 68);
    CHECK(las_age_in_force("2023-01-01") == 69);
}

TEST_CASE("the LAS date is the end of the month of turning 69, at the edges of the month", "[unit][career]")
{
    CHECK(las_date("1960-01-01") == std::optional<std::string>("2029-01-31"));
    CHECK(las_date("1960-03-29") == std::optional<std::string>("2029-03-31"));
    CHECK(las_date("1960-03-30") == std::optional<std::string>("2029-03-31"));
    CHECK(las_date("1960-03-31") == std::optional<std::string>("2029-03-31"));
    CHECK(las_date("1960-04-30") == std::optional<std::string>("2029-04-30"));
    CHECK(las_date("1960-12-31") == std::optional<std::string>("2029-12-31"));
    // February: 28 days in 2029, 29 in 2028.
    CHECK(las_date("1960-02-15") == std::optional<std::string>("2029-02-28"));
    CHECK(las_date("1959-02-15") == std::optional<std::string>("2028-02-29"));
}

TEST_CASE("born on a leap day: a year older on 28 February in a common year", "[unit][career]")
{
    CHECK(birthday("1960-02-29", 69) == "2029-02-28");
    CHECK(las_date("1960-02-29") == std::optional<std::string>("2029-02-28"));
    CHECK(birthday("1956-02-29", 68) == "2024-02-29"); // a leap year again
    CHECK(las_date("1956-02-29") == std::optional<std::string>("2025-02-28"));
}

TEST_CASE("the LAS date across the rule changes of 2020 and 2023", "[unit][career]")
{
    // Turned 67 in 2019: the old rule.
    CHECK(las_date("1952-06-15") == std::optional<std::string>("2019-06-30"));
    CHECK(las_date("1952-12-31") == std::optional<std::string>("2019-12-31"));
    // Turned 67 on 2020-01-01: the 2020 rule asks for 68.
    CHECK(las_date("1953-01-01") == std::optional<std::string>("2021-01-31"));
    CHECK(las_date("1954-12-31") == std::optional<std::string>("2022-12-31")); // 68 on the last day of 68
    // Turned 68 in 2023: too young under the new rule, so 69.
    CHECK(las_date("1955-01-01") == std::optional<std::string>("2024-01-31"));
    CHECK(las_date("1955-05-10") == std::optional<std::string>("2024-05-31"));
    CHECK_FALSE(las_date("1955-02-30"));
    CHECK_FALSE(las_date(""));
}

TEST_CASE("the target retirement age by birth year", "[unit][career]")
{
    CHECK(target_retirement_age(1957) == 65);
    CHECK(target_retirement_age(1958) == 66);
    CHECK(target_retirement_age(1959) == 67);
    CHECK(target_retirement_date("1962-02-28") == std::optional<std::string>("2029-02-28"));
    CHECK(target_retirement_date("1964-02-29") == std::optional<std::string>("2031-02-28"));
}
