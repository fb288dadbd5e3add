#pragma once
#include "server/core/clock.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** One message in the outbox: a reminder or a notice for one person (the recipient's employee id).
    It carries ids and a kind, never names or free text, so it may travel to a webhook and to phones
    without leaking personal data; clients resolve names from what the recipient may read anyway.

    `dedupe_key` makes emission idempotent: the same reminder about the same thing (same kind, subject and
    date) reaches a recipient once, however often the engine recomputes. */
struct notification
{
    std::string id;
    std::string organisation_id;
    std::string recipient_id;      // employee id
    std::string kind;              // e.g. training.due_14, training.overdue, delegation.revoked
    std::string subject_type;      // course | delegation | role
    std::string subject_id;        // what it is about
    std::string about_employee_id; // whose requirement or delegation (the recipient for their own)
    std::optional<std::string> on; // the date it concerns (due date, valid until), YYYY-MM-DD
    std::string dedupe_key;
    millis created_at = 0;
    std::optional<millis> read_at;
    int webhook_attempts = 0; // delivery attempts so far (the sweeper's backoff)
};

} // namespace kompetens::core
