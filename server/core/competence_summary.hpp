#pragma once
#include "server/core/special_role_service.hpp"
#include "server/core/training_summary.hpp"

#include <optional>
#include <vector>

namespace kompetens::core {

/** The measures of the competence summary; each cell's `course_id` is one of them:
    - `title`: may use the title undersköterska, of everyone;
    - `language`: meets every language level their professions require, of those held to one;
    - `special_role`: holds a special role, of everyone;
    - `role_at_risk`: holds a role that is at risk, of the role holders. */
inline constexpr char const* competence_measures[] = {"title", "language", "special_role", "role_at_risk"};

/** Unit and organisation summaries of titles, language levels and special roles, by gender, with every
    group smaller than `smallest_shown_group` suppressed (the same rule as the training summary). */
class competence_summary_service
{
    special_role_ports s_;
    clock const& clock_;

public:
    competence_summary_service(special_role_ports s, clock const& c) : s_(s), clock_(c) {}

    /** `unit_id`: that unit and those below it (its managers, HR, administrators); none: the whole
        organisation (HR and administrators). One cell per unit and measure, and one per measure for the
        whole scope (`unit_id` empty). */
    result<std::vector<summary_cell>> summary(principal const& p, std::optional<std::string> const& unit_id);
};

} // namespace kompetens::core
