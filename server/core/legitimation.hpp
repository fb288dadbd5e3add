#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** A licensed professional's legitimation (from Socialstyrelsen's register) as verified by the employer:
    what makes an employee a possible delegator. The delegation rules check it; it is never inferred from
    a job title. */
struct legitimation
{
    std::string id;
    std::string organisation_id;
    std::string employee_id;
    std::string profession;   // registered_nurse | occupational_therapist | physiotherapist
    std::string registry_ref; // the reference in the national register (legitimationsnummer)
    std::string verified_on;  // YYYY-MM-DD: when the employer checked the register
    std::string verified_by;  // account id
    millis created_at = 0;
};

/** Checks the fields a client sets; `today` (YYYY-MM-DD) bounds `verified_on`. */
std::optional<failure> validate(legitimation const& l, std::string const& today);

/** Professions whose legitimation allows delegating health-care tasks in municipal care. */
bool is_licensed_profession(std::string_view p) noexcept;

} // namespace kompetens::core
