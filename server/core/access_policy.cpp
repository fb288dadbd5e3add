#include "server/core/access_policy.hpp"

namespace kompetens::core {

std::optional<failure> decide(principal const& p, action a, std::string_view target_organisation)
{
    auto const deny_hidden = failure{errc::not_found, "", "no such resource"};
    auto const deny = failure{errc::forbidden, "", "your roles do not allow this"};

    if (a == action::organisation_create)
        return p.has(role::system) ? std::nullopt : std::optional{deny};

    // The installation operator manages organisations but sees none of their people.
    if (p.has(role::system) && a == action::organisation_read)
        return std::nullopt;

    if (p.organisation_id != target_organisation)
        return deny_hidden;

    switch (a)
    {
    case action::organisation_read:
        return std::nullopt;
    case action::directory_read:
        // Managers get their own units' people with the Identity issue's unit scopes; until then the
        // directory is an HR and administration tool.
        return p.has_any(role::admin | role::hr) ? std::nullopt : std::optional{deny};
    case action::directory_write:
        return p.has_any(role::admin | role::hr) ? std::nullopt : std::optional{deny};
    case action::employee_read_restricted:
        return p.has(role::hr) ? std::nullopt : std::optional{deny};
    case action::organisation_create:
        break;
    }
    return deny;
}

} // namespace kompetens::core
