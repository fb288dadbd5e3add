// The training rules that need no storage: field checks, validity arithmetic and the status judgement.
#include "server/core/calendar.hpp"
#include "server/core/training.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace kompetens::core {

namespace {
template <std::size_t N> bool one_of(std::string_view v, std::array<std::string_view, N> const& set)
{
    return std::find(set.begin(), set.end(), v) != set.end();
}

std::chrono::sys_days days_of(std::string const& iso)
{
    return std::chrono::sys_days{*parse_iso_date(iso)};
}
} // namespace

std::string_view state_name(requirement_state s) noexcept
{
    switch (s)
    {
    case requirement_state::missing:
        return "missing";
    case requirement_state::assigned:
        return "assigned";
    case requirement_state::in_progress:
        return "in_progress";
    case requirement_state::completed_unattested:
        return "completed_unattested";
    case requirement_state::valid:
        return "valid";
    case requirement_state::expiring:
        return "expiring";
    case requirement_state::expired:
        return "expired";
    case requirement_state::exempted:
        return "exempted";
    }
    return "unknown";
}

std::string add_days(std::string const& iso_date, int days)
{
    return format_iso_date(std::chrono::year_month_day{days_of(iso_date) + std::chrono::days{days}});
}

std::optional<std::string> valid_until_for(std::string const& completed_on, course_version const& v)
{
    if (!v.validity_months)
        return std::nullopt;
    auto ymd = *parse_iso_date(completed_on) + std::chrono::months{*v.validity_months};
    // Completed on 31 January with one month's validity: the month after has no 31st, so the training is
    // valid through the last day of February rather than spilling into March.
    if (!ymd.ok())
        return format_iso_date(std::chrono::year_month_day{ymd.year() / ymd.month() / std::chrono::last});
    return format_iso_date(std::chrono::year_month_day{std::chrono::sys_days{ymd} - std::chrono::days{1}});
}

requirement_state judge(status_inputs const& in, std::string const& today)
{
    if (in.active_exemption && (!in.active_exemption->until || *in.active_exemption->until >= today))
        return requirement_state::exempted;
    if (in.latest_record)
    {
        auto const& r = *in.latest_record;
        int const grace = in.record_version ? in.record_version->grace_days : 0;
        int const window = in.record_version ? in.record_version->renewal_window_days : 0;
        bool const in_force = !r.valid_until || add_days(*r.valid_until, grace) >= today;
        if (in_force && !r.attested)
            return requirement_state::completed_unattested;
        if (in_force)
        {
            if (r.valid_until && add_days(today, window) >= *r.valid_until)
                return requirement_state::expiring;
            return requirement_state::valid;
        }
        // Lapsed: a renewal under way shows as progress, otherwise the lapse itself is what matters.
        return in.progress_started ? requirement_state::in_progress : requirement_state::expired;
    }
    if (!in.active_assignment)
        return requirement_state::missing;
    return in.progress_started ? requirement_state::in_progress : requirement_state::assigned;
}

std::optional<failure> validate(course const& c)
{
    constexpr std::array<std::string_view, 5> kinds{
        "e_learning", "classroom", "external", "practical", "exam"};
    if (c.code.empty() || c.code.size() > 32 || !std::all_of(c.code.begin(), c.code.end(), [](char ch) {
            return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        }))
        return invalid("/code", "must be 1-32 characters of A-Z, 0-9, - and _");
    if (c.title.empty() || c.title.size() > 200)
        return invalid("/title", "is required and at most 200 bytes");
    if (!one_of(c.kind, kinds))
        return invalid("/kind", "must be one of e_learning, classroom, external, practical, exam");
    if (c.provider.size() > 200)
        return invalid("/provider", "is longer than 200 bytes");
    if (c.regulatory_basis.size() > 500)
        return invalid("/regulatory_basis", "is longer than 500 bytes");
    return std::nullopt;
}

std::optional<failure> validate(course_version const& v)
{
    constexpr std::array<std::string_view, 4> evidence{"completion", "attestation", "certificate", "test"};
    if (v.validity_months && (*v.validity_months < 1 || *v.validity_months > 120))
        return invalid("/validity_months", "must be between 1 and 120, or absent for no expiry");
    if (v.renewal_window_days < 0 || v.renewal_window_days > 365)
        return invalid("/renewal_window_days", "must be between 0 and 365");
    if (v.grace_days < 0 || v.grace_days > 365)
        return invalid("/grace_days", "must be between 0 and 365");
    if (v.passing_score && (*v.passing_score < 0 || *v.passing_score > 100))
        return invalid("/passing_score", "must be between 0 and 100");
    if (!one_of(v.evidence_type, evidence))
        return invalid("/evidence_type", "must be one of completion, attestation, certificate, test");
    return std::nullopt;
}

std::optional<failure> validate(requirement_rule const& r)
{
    constexpr std::array<std::string_view, 6> scopes{
        "organisation", "unit_kind", "unit", "profession", "employment_form", "delegation_task"};
    if (!one_of(r.scope_kind, scopes))
        return invalid(
            "/scope_kind",
            "must be one of organisation, unit_kind, unit, profession, employment_form, delegation_task"
        );
    if ((r.scope_kind == "organisation") != r.scope_value.empty())
        return invalid("/scope_value", "is required for every scope but organisation, and empty for it");
    if (r.due_days < 0 || r.due_days > 3650)
        return invalid("/due_days", "must be between 0 and 3650");
    return std::nullopt;
}

} // namespace kompetens::core
