#include "server/core/access_policy.hpp"

namespace kompetens::core {

namespace {
failure hidden()
{
    return failure{errc::not_found, "", "no such resource"};
}
failure denied()
{
    return failure{errc::forbidden, "", "your roles do not allow this"};
}
std::optional<failure> allow_if(bool ok)
{
    return ok ? std::nullopt : std::optional{denied()};
}
} // namespace

std::optional<failure> decide(principal const& p, action a, std::string_view target_organisation)
{
    return decide(p, a, target_organisation, relation::other);
}

std::optional<failure> decide(principal const& p, action a, std::string_view target_organisation, relation r)
{
    if (a == action::organisation_create)
        return allow_if(p.has(role::system));

    // The installation operator manages organisations but sees none of their people.
    if (p.has(role::system) && a == action::organisation_read)
        return std::nullopt;

    if (p.organisation_id != target_organisation)
        return hidden();

    unsigned const keepers = role::admin | role::hr;
    switch (a)
    {
    case action::organisation_read:
    case action::unit_read:
        return std::nullopt;
    case action::directory_read:
    case action::directory_write:
        return allow_if(p.has_any(keepers));
    case action::person_read:
        if (p.has_any(keepers) || r == relation::self || (r == relation::managed && p.has(role::manager)))
            return std::nullopt;
        // Someone else's record, seen by a colleague: answer as if it did not exist (security.md T3).
        return hidden();
    case action::person_read_restricted:
        return allow_if(p.has(role::hr) || r == relation::self);
    case action::legitimation_read:
        if (p.has_any(keepers | role::medical_lead) || r == relation::self)
            return std::nullopt;
        return hidden();
    case action::audit_read:
        return allow_if(p.has_any(role::admin | role::medical_lead));
    case action::account_admin:
        return allow_if(p.has(role::admin));
    case action::title_write:
    case action::title_report:
    case action::language_policy:
    case action::role_policy:
        return allow_if(p.has_any(keepers));
    // Language data can reveal ethnic origin (research/domain.md §8.3, 18): HR, not administrators.
    case action::language_read:
        if (p.has(role::hr) || r == relation::self || (r == relation::managed && p.has(role::manager)))
            return std::nullopt;
        return hidden();
    case action::language_write:
        if (p.has(role::hr) || (r == relation::managed && p.has(role::manager)))
            return std::nullopt;
        return r == relation::self || r == relation::managed ? std::optional{denied()}
                                                             : std::optional{hidden()};
    case action::role_assign:
        if (p.has_any(keepers) || (r == relation::managed && p.has(role::manager)))
            return std::nullopt;
        return r == relation::self ? std::optional{denied()} : std::optional{hidden()};
    case action::placement_admin:
        return allow_if(p.has_any(keepers | role::education_coordinator));
    case action::placement_manage:
    case action::placement_read:
        if (p.has_any(keepers | role::education_coordinator) ||
            (r == relation::managed && p.has(role::manager)))
            return std::nullopt;
        if (a == action::placement_read && r == relation::self)
            return std::nullopt;
        return r == relation::self ? std::optional{denied()} : std::optional{hidden()};
    case action::mentorship_admin:
        return allow_if(p.has_any(keepers));
    case action::mentorship_manage:
    case action::mentorship_read:
        if (p.has_any(keepers) || (r == relation::managed && p.has(role::manager)))
            return std::nullopt;
        if (a == action::mentorship_read && r == relation::self)
            return std::nullopt;
        return r == relation::self ? std::optional{denied()} : std::optional{hidden()};
    case action::workforce_plan:
        return allow_if(p.has(role::hr));
    case action::organisation_create:
        break;
    }
    return denied();
}

} // namespace kompetens::core
