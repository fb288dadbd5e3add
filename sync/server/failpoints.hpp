#pragma once
#include <string>
#include <string_view>

namespace kompetens::sync {

/** Named points in the push and pull paths where a test makes the server fail on purpose (research/sync.md
    §5.16): `throw` raises an unexpected error there, `exit` ends the process at once, as `kill -9` would,
    `sleep:MS` waits that long (to hold a request open while a test breaks something else).
    Off unless configured: by `configure_failpoints` in a test, or by `KOMPETENS_FAILPOINTS` when
    `KOMPETENS_ENABLE_FAILPOINTS=1` (the server never reads the first without the second).

    Spec: `name=action[@n]`, comma-separated; `@n` fires on the n-th pass only, otherwise on every pass.
    Points: `push.before_handler.<mutation name>`, `push.after_handler`, `push.after_commit`,
    `pull.before_cvr`, `pull.after_cvr`. */
void configure_failpoints(std::string const& spec);
void configure_failpoints_from_environment();
/** Called at a point; does nothing unless the point is configured. */
void failpoint(std::string_view name);

} // namespace kompetens::sync
