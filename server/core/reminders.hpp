#pragma once
#include "server/core/training.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** What a reminder says about one status row, and the key that makes it unique per recipient. */
struct reminder
{
    std::string kind;
    std::optional<std::string> on; // the date it is about
    std::string key;               // dedupe key, without the recipient
};

/** The reminder a training status calls for on `today`, if any: due in 30, 14 or 3 days (only the
    nearest threshold reached, so a requirement assigned 10 days before its due date gets `due_14`, not
    also `due_30`), overdue, expiring (inside the renewal window) or expired. Pure and tested directly. */
std::optional<reminder> training_reminder(requirement_status const& s, std::string const& today);

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
int days_between(std::string const& from, std::string const& to);

} // namespace kompetens::core
