#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"
#include "server/core/language.hpp"
#include "server/core/title.hpp"
#include "server/core/training.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kompetens::core {

/** What a special role (fast omsorgskontakt, språkombud, APL-handledare, hygienombud,
    dokumentationsombud) requires of its holder. Care contact always requires the undersköterska title
    (SoL, from 2023-07-01); the rest is the organisation's choice. */
struct special_role_rule
{
    std::string organisation_id;
    std::string role;
    std::vector<std::string> course_ids;       // each held: an attested record, valid on the day
    bool requires_title = false;               // may use the title undersköterska
    std::optional<std::string> language_level; // minimum CEFR level in `language_skill`
    std::string language_skill = "overall";
    millis updated_at = 0;
    std::string updated_by;
    int version = 0; // 0: the built-in default, never changed
};

/** One person holding a special role in one unit. `at_risk` when a qualification lapsed after the role
    was given: the holder and their managers are told, and the role stays until someone acts. */
struct special_role_assignment
{
    std::string id;
    std::string organisation_id;
    std::string employee_id;
    std::string role;
    std::string unit_id;
    std::string state = "active";     // active | at_risk | ended
    std::vector<std::string> missing; // title | course:<id> | language:<skill>:<level> | unit
    std::optional<millis> at_risk_since;
    millis assigned_at = 0;
    std::string assigned_by;
    std::optional<millis> ended_at;
    std::optional<std::string> ended_by;
    int version = 1;
};

/** What a person has that a rule can ask for, on one day. */
struct qualification_facts
{
    title_status title;
    std::vector<training_record> records;
    std::vector<language_assessment> assessments;
};

bool is_special_role(std::string_view role) noexcept;
/** Every special role, in a fixed order. */
std::vector<std::string> const& special_roles();

/** The rule an organisation starts with: care contact requires the title, a language ambassador B2. */
special_role_rule default_rule(std::string const& org, std::string const& role);

std::optional<failure> validate(special_role_rule const& r);

/** What the person lacks for the role on `day` (YYYY-MM-DD); empty when qualified. */
std::vector<std::string>
missing_for(special_role_rule const& rule, qualification_facts const& facts, std::string const& day);

} // namespace kompetens::core
