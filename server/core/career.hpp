#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kompetens::core {

/** The age up to which LAS protects employment (LAS 32 a §), by the rule in force on a day: 67 before
    2020, 68 in 2020-2022, 69 from 2023-01-01 (research/domain.md §8.3, 17). */
int las_age_in_force(std::string_view day) noexcept;

/** The day a person turns `age`, as Swedish law counts time (lag 1930:173): someone born on 29 February
    turns a year older on the 28th in a year without one. */
std::string birthday(std::string const& birth_date, int age);

/** The LAS date: the last day of the month in which the person turns the LAS age, the age being that of
    the rule in force when they reach it (born 1952-06-15: 67 in June 2019 under the old rule, 2019-06-30;
    born 1955-05-10: 68 in 2023 is too young under the new rule, so 69, 2024-05-31). None for an invalid
    birth date. */
std::optional<std::string> las_date(std::string const& birth_date);

/** The pension system's target retirement age (riktålder) for a birth year: 65 for those born before 1958,
    66 for 1958, 67 from 1959 (the level from 2026; later years follow life expectancy and will be a
    setting of the planning feature). */
int target_retirement_age(int birth_year) noexcept;

/** The day the person reaches the target retirement age; none for an invalid birth date. */
std::optional<std::string> target_retirement_date(std::string const& birth_date);

} // namespace kompetens::core
