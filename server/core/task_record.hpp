#pragma once
#include "server/core/clock.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** A health-care task performed under a delegation, as the delegate recorded it (usually on a phone,
    often offline). Always stored, because the care happened; `flags` say what a reviewer must look at:
    - `lease_expired`: performed after the phone's lease had run out (or with no valid lease);
    - `performed_after_revocation`: the delegation had ended (revoked, expired, terminated) by then;
    - `not_yet_active`: before the delegation was active;
    - `not_delegated`: the person is not the delegate, or the task is not in the decision;
    - `time_uncertain`: the claimed time lies more than five minutes after the server received it. */
struct task_record
{
    std::string id; // minted by the phone: the same record twice is one record
    std::string organisation_id;
    std::string employee_id;
    std::string decision_id;
    std::string task_id;
    std::optional<std::string> unit_id;
    std::optional<std::string> patient_ref; // an opaque reference from the care system; never a name
    millis occurred_at = 0;
    millis received_at = 0;
    std::optional<std::string> device_id;
    std::optional<millis> lease_expires_at; // the lease the phone held, when its signature checked out
    std::vector<std::string> flags;
};

} // namespace kompetens::core
