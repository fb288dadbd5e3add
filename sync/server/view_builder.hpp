#pragma once
#include "server/core/clock.hpp"
#include "server/core/principal.hpp"
#include "sync/protocol/view.hpp"
#include "sync/server/sync_backend.hpp"

#include <vector>

namespace kompetens::sync {

/** How far back ended things stay on a phone. */
inline constexpr int ended_delegation_days = 30;
inline constexpr int task_record_days = 90;
inline constexpr int notification_rows = 50;

/** A user's current view, built from the same core read use cases (and so the same object-level rules)
    as the REST API:
    - staff: their delegations (not drafts; ended ones for 30 days), assignments, requirement statuses,
      training records, module progress, task records of the last 90 days, the last 50 notifications;
    - managers: the status rows of the people in the units they manage (`team_status`);
    - delegators: the delegations they issued, and their recipients' status in the prerequisite courses;
    - their language plans and the plans they support (`language_plan`), their open special roles
      (`special_role`);
    - `person` rows (id, name, `may_use_title`) for everyone the other rows name, so a phone can show
      names, and the title only where it may be used, offline.
    Rows come out sorted by (type, id). */
std::vector<view_row> build_view(core::principal const& who, stores& s, core::clock const& clock);

} // namespace kompetens::sync
