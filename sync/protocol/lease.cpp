#include "sync/protocol/lease.hpp"

#include "server/core/credentials.hpp"

#include <algorithm>

namespace kompetens::sync {

core::millis lease_policy::ttl(std::string_view risk_class) const noexcept
{
    if (risk_class == "high")
        return high_ms;
    if (risk_class == "medium")
        return medium_ms;
    return low_ms;
}

core::millis lease_expiry(core::millis now, core::millis valid_to_end, core::millis ttl) noexcept
{
    return std::min(valid_to_end, now + ttl);
}

std::string lease_signature(lease const& l, std::string_view key)
{
    auto const message = "lease|1|" + l.device_id + "|" + l.decision_id + "|" + std::to_string(l.version) +
                         "|" + std::to_string(l.expires_at);
    return "hmac-sha256:" + core::hmac_sha256_hex(key, message);
}

bool lease_valid(lease const& l, std::string_view key)
{
    return !key.empty() && l.sig == lease_signature(l, key);
}

} // namespace kompetens::sync
