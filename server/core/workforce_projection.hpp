#pragma once
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kompetens::core {

/** One person as the projection sees them today. */
struct projection_person
{
    std::string unit_id;    // of the main current employment (largest extent, then earliest start)
    std::string profession; // of that employment
    std::optional<std::string> birth_date;
    std::optional<std::string> planned_exit_on; // from the senior plan
    std::string title_status = "none";
    bool title_transitional = false;
    bool delegation_ready = false; // holds an active delegation today
    bool language_met = false;     // meets their profession's language requirements today
    bool supervisor = false;       // holds supervisor-training step 1 today
    int mentor_capacity = 0;       // mentees at once, when the person mentors now or has; else 0
};

/** From the birth year `born_from` on (until the next rule), the target retirement age is `age`. */
struct target_age_rule
{
    int born_from = 0;
    int age = 0;
};

/** The scenario HR asks about. */
struct projection_assumptions
{
    std::string as_of;                        // YYYY-MM-DD; the first projected year is its year
    std::string exit_rule = "target_age";     // target_age | las | personal_plan
    int demand_growth_per_mille = 0;          // growth of the staff needed, per year, compounded
    std::vector<target_age_rule> target_ages; // ascending born_from; the first applies to all before it
    int years = 10;
};

/** The built-in target-age table: 65 before 1958, 66 for 1958, 67 from 1959. */
std::vector<target_age_rule> default_target_ages();

/** Parses `1958:66,1959:67` (born_from:age, ascending); nullopt when malformed. */
std::optional<std::vector<target_age_rule>> parse_target_ages(std::string_view text);

std::optional<failure> validate(projection_assumptions const& a);

/** The day the person is assumed to leave, or none (no birth date, nothing planned). */
std::optional<std::string> assumed_exit(projection_person const& p, projection_assumptions const& a);

/** The figures at the end (31 December) of one projected year. `*_gap`: how many more holders it would
    take to keep today's share of holders among the staff needed that year. */
struct projection_year
{
    int year = 0;
    int exits = 0;       // leaving during the year
    int remaining = 0;   // of today's staff, still there at the year's end
    int need = 0;        // staff needed: today's headcount grown by the demand assumption
    int recruitment = 0; // need − remaining, or 0
    int title_holders = 0;
    int title_gap = 0;
    int delegation_ready = 0;
    int delegation_gap = 0;
    int language_met = 0;
    int language_gap = 0;
    int supervisors = 0;
    int supervisor_gap = 0;
    int mentor_supply = 0; // mentees the remaining mentors can take at once
    int mentor_need = 0;   // people recruited during the year, each to be given a mentor
};

struct projection_group
{
    std::string unit_id;    // empty in the total
    std::string profession; // empty in the total
    int headcount = 0;
    int unknown_age = 0; // without a birth date: never assumed to leave
    std::vector<projection_year> years;
};

struct workforce_projection
{
    projection_assumptions assumptions;
    std::vector<projection_group> groups; // by unit id, then profession
    projection_group total;
};

/** The projection: pure arithmetic over today's people (see projection_year for each figure). */
workforce_projection project(std::vector<projection_person> const& people, projection_assumptions const& a);

} // namespace kompetens::core
