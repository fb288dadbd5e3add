#pragma once
#include "server/core/clock.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kompetens::sync {

/** What a pull cookie carries. Opaque to the device, signed by the server (HMAC-SHA-256 under the key in
    `sync_meta`), so a tampered, foreign or stale cookie is simply unknown and leads to a reset. */
struct cookie
{
    long long epoch = 0;
    std::string device_id;
    std::string cvr_id; // the client view record this cookie stands for
    long long ord = 0;  // strictly increasing per device: a device never moves back to an older one
    int schema = 0;
    bool partial = false; // more pages of the same diff are waiting
    core::millis issued_at = 0;
};

/** `v1.<base64url(JSON)>.<hex HMAC>` */
std::string encode_cookie(cookie const& c, std::string_view key);
/** Nothing when the text is not a cookie signed with `key` (tampered, truncated, another server's). */
std::optional<cookie> decode_cookie(std::string_view text, std::string_view key);

} // namespace kompetens::sync
