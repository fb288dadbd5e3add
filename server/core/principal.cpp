#include "server/core/principal.hpp"

#include <array>
#include <utility>

namespace kompetens::core {

namespace {
constexpr std::array<std::pair<role, std::string_view>, 8> names{{
    {role::staff, "staff"},
    {role::manager, "manager"},
    {role::delegator, "delegator"},
    {role::medical_lead, "medical_lead"},
    {role::hr, "hr"},
    {role::education_coordinator, "education_coordinator"},
    {role::admin, "admin"},
    {role::system, "system"},
}};
}

std::optional<role> parse_role(std::string_view name) noexcept
{
    for (auto const& [r, n] : names)
        if (n == name)
            return r;
    return std::nullopt;
}

std::string_view role_name(role r) noexcept
{
    for (auto const& [v, n] : names)
        if (v == r)
            return n;
    return "unknown";
}

std::string role_names(unsigned mask)
{
    std::string out;
    for (auto const& [r, n] : names)
    {
        if ((mask & static_cast<unsigned>(r)) == 0)
            continue;
        if (!out.empty())
            out += ',';
        out += n;
    }
    return out;
}

std::optional<unsigned> parse_role_list(std::string_view list)
{
    unsigned mask = 0;
    while (!list.empty())
    {
        auto const comma = list.find(',');
        auto const item = list.substr(0, comma);
        auto const r = parse_role(item);
        if (!r)
            return std::nullopt;
        mask |= static_cast<unsigned>(*r);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    if (mask == 0)
        return std::nullopt;
    return mask;
}

} // namespace kompetens::core
