#pragma once
#include "server/core/clock.hpp"

#include <string>

namespace kompetens::core {

/** A learner's position in a module (0–100), sent by a phone, possibly long after it happened. Events are
    kept as they came; progress is the highest position, so late and repeated events change nothing. */
struct progress_event
{
    std::string id; // minted by the phone: the same event twice is one event
    std::string organisation_id;
    std::string employee_id;
    std::string module_id;
    int position = 0;
    millis occurred_at = 0; // the phone's claim: evidence, never authority
    millis received_at = 0;
};

/** Where a learner stands in one module. */
struct module_progress_row
{
    std::string module_id;
    std::string course_id;
    int position = 0;
    bool done = false;
};

/** A stored quiz attempt, without its answers. */
struct attempt_summary
{
    std::string id;
    std::string employee_id;
    std::string module_id;
    int score = 0;
    bool passed = false;
};

} // namespace kompetens::core
