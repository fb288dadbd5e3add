#pragma once
#include "server/core/clock.hpp"

#include <string>
#include <string_view>

namespace kompetens::sync {

/** How long a phone may trust an active delegation without hearing from the server, by the highest risk
    class among its tasks (DESIGN.md: a revoked delegation must never look valid for long). */
struct lease_policy
{
    core::millis low_ms = 12LL * 3600 * 1000;   // a shift
    core::millis medium_ms = 8LL * 3600 * 1000; // most of a shift
    core::millis high_ms = 1LL * 3600 * 1000;   // insulin and the like: an hour
    core::millis ttl(std::string_view risk_class) const noexcept;
};

/** A signed statement "device D may treat delegation X at version V as valid until T". A phone checks it
    against trusted time (server time at the last contact plus its monotonic clock); the server checks the
    signature when a task recorded under it comes back. */
struct lease
{
    std::string decision_id;
    int version = 0;
    std::string device_id;
    core::millis expires_at = 0;
    std::string sig; // "hmac-sha256:<hex>" under the sync key
};

/** min(end of the last valid day, now + ttl). */
core::millis lease_expiry(core::millis now, core::millis valid_to_end, core::millis ttl) noexcept;
std::string lease_signature(lease const& l, std::string_view key);
bool lease_valid(lease const& l, std::string_view key);

} // namespace kompetens::sync
