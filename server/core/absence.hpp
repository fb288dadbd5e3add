#pragma once
#include "server/core/clock.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** A period an employee is away. No reason is kept (sick leave is health data); it serves one rule:
    an absence longer than the configured number of months ends the person's delegations. */
struct absence
{
    std::string id;
    std::string organisation_id;
    std::string employee_id;
    std::string from_date;              // YYYY-MM-DD, first day away
    std::optional<std::string> to_date; // YYYY-MM-DD, last day away; none: still away
    std::string recorded_by;            // account id
    millis created_at = 0;
};

} // namespace kompetens::core
