#pragma once
#include <optional>
#include <string_view>

namespace kompetens::sync {

/** The wire protocol's version; a device that speaks another major version is told to update. */
inline constexpr int protocol_version = 1;

/** Each device pushes on two lanes with their own gap-free sequence numbers, so a stuck learning write
    never holds back a delegation signature (DESIGN.md, Sync). */
enum class lane
{
    critical, // delegations and records made under a delegation
    normal,   // learning progress and everything else
};

std::optional<lane> parse_lane(std::string_view name) noexcept;
std::string_view lane_name(lane l) noexcept;

} // namespace kompetens::sync
