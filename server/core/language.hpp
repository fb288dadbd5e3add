#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kompetens::core {

/** One assessment of a person's Swedish (or another language) in one skill, on the CEFR scale
    (research/domain.md §8.1 item 4). Re-assessment adds a record, never an overwrite; the current level
    of a skill is the latest assessment of it. Restricted data: it can reveal ethnic origin, so it is read
    only by the person, the managers of their units and HR, and never written to a log. */
struct language_assessment
{
    std::string id;
    std::string organisation_id;
    std::string employee_id;
    std::string language = "sv";
    std::string skill;  // listening | reading | speaking | writing | overall
    std::string level;  // A1 | A2 | B1 | B2 | C1 | C2
    std::string method; // test | course_grade_swedish | course_grade_sva | employer_assessment | certificate
    std::optional<std::string> assessor_id;       // an employee of the organisation
    std::optional<std::string> assessor_external; // a test provider or school, when not an employee
    std::string assessed_on;                      // YYYY-MM-DD
    std::string evidence;                         // a reference (certificate number, grade document)
    millis recorded_at = 0;
    std::string recorded_by; // account id
};

/** A minimum level in one skill for one profession. */
struct language_rule
{
    std::string profession;
    std::string skill;
    std::string level;
};

/** The organisation's language requirements: explicit rules per profession, and a default level
    (overall) for care-work professions without rules of their own. The national level for care work is
    expected to be B2 but was not yet adopted (research/domain.md §2.3), so it is a setting. */
struct language_requirements
{
    std::string organisation_id;
    std::optional<std::string> default_level = std::string("B2"); // none: no default requirement
    std::vector<language_rule> rules;
    millis updated_at = 0;
    std::string updated_by;
    int version = 0; // 0: never changed (the built-in default)
};

/** What supports a development plan: a named language ambassador or mentor, or a course. */
struct language_support
{
    std::string kind;                     // language_ambassador | mentor | sfi_course | sva_course | other
    std::optional<std::string> person_id; // the ambassador or mentor (an employee)
};

/** A held (or missed) follow-up of a plan: its date and outcome, no free-text evaluation. */
struct language_follow_up
{
    std::string id;
    std::string plan_id;
    std::string held_on; // YYYY-MM-DD
    std::string outcome; // on_track | behind | target_reached | plan_changed
    std::optional<std::string> next_follow_up_on;
    millis recorded_at = 0;
    std::string recorded_by;
};

/** A development plan: target levels per skill, supports, and follow-ups. One active plan per person. */
struct language_plan
{
    std::string id;
    std::string organisation_id;
    std::string employee_id;
    std::string state = "active";       // active | target_reached | closed
    std::vector<language_rule> targets; // profession unused: skill and level
    std::vector<language_support> supports;
    std::optional<std::string> next_follow_up_on; // YYYY-MM-DD
    std::vector<language_follow_up> follow_ups;   // oldest first
    millis created_at = 0;
    std::string created_by;
    int version = 1;
};

bool is_language_skill(std::string_view s) noexcept;
bool is_assessment_method(std::string_view m) noexcept;
bool is_support_kind(std::string_view k) noexcept;
bool is_follow_up_outcome(std::string_view o) noexcept;
/** 1 for A1 … 6 for C2; 0 for anything else. */
int cefr_rank(std::string_view level) noexcept;

/** Professions whose work is care work (the default requirement applies to them). */
bool is_care_work(std::string_view profession) noexcept;

/** The current level in `skill` from `history`: the latest assessment of that skill (by date, then by
    when it was recorded, then by id, which is creation order), or else the latest overall level; none when
   neither was assessed. Only the assessments of `language` count. */
std::optional<std::string> current_level(
    std::vector<language_assessment> const& history, std::string_view skill, std::string_view language = "sv"
);

/** The levels required of `profession`: its own rules, or the default (overall) for care work. */
std::vector<language_rule> required_of(language_requirements const& r, std::string const& profession);

/** Each rule of `required` not met by `history`; the first field at fault is the skill. */
std::vector<language_rule>
unmet(std::vector<language_rule> const& required, std::vector<language_assessment> const& history);

std::optional<failure> validate(language_assessment const& a, std::string const& today);
std::optional<failure> validate(language_requirements const& r);
std::optional<failure> validate(language_plan const& p, std::string const& today);
std::optional<failure> validate(language_follow_up const& f, std::string const& today);

} // namespace kompetens::core
