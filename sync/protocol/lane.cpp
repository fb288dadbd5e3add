#include "sync/protocol/lane.hpp"

namespace kompetens::sync {

std::optional<lane> parse_lane(std::string_view name) noexcept
{
    if (name == "critical")
        return lane::critical;
    if (name == "normal")
        return lane::normal;
    return std::nullopt;
}

std::string_view lane_name(lane l) noexcept
{
    return l == lane::critical ? "critical" : "normal";
}

} // namespace kompetens::sync
