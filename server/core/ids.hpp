#pragma once
#include "server/core/clock.hpp"

#include <string>
#include <string_view>

namespace kompetens::core {

/** A new UUIDv7 (RFC 9562) in canonical lower-case text: time-ordered, so ids sort by creation and
    serve as pagination cursors. Thread-safe. */
std::string new_uuid_v7(millis now);

/** True for the canonical 36-character form (any version), case-insensitive. */
bool is_uuid(std::string_view text) noexcept;

} // namespace kompetens::core
