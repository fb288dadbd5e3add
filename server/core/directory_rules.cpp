// Field rules for the directory entities (organisation, unit, employee, employment): one place, so the
// REST API, the demo seed and later the sync path refuse the same things with the same field names.
#include "server/core/calendar.hpp"
#include "server/core/employee.hpp"
#include "server/core/employment.hpp"
#include "server/core/organisation.hpp"
#include "server/core/unit.hpp"

#include <algorithm>
#include <array>

namespace kompetens::core {

namespace {

template <std::size_t N> bool one_of(std::string_view v, std::array<std::string_view, N> const& set) noexcept
{
    return std::find(set.begin(), set.end(), v) != set.end();
}

// Names: required, bounded, no control characters (they end up in CSV exports and on phones).
std::optional<failure>
check_text(std::string const& v, std::string_view field, std::size_t max, bool required)
{
    if (required && v.empty())
        return invalid(std::string(field), "is required");
    if (v.size() > max)
        return invalid(std::string(field), "is longer than " + std::to_string(max) + " bytes");
    if (std::any_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return invalid(std::string(field), "contains control characters");
    return std::nullopt;
}

constexpr std::array<std::string_view, 4> organisation_kinds{
    "municipality", "private_provider", "region", "other"};
constexpr std::array<std::string_view, 5> unit_kinds{
    "home_care", "residential", "disability_support", "health_care", "other"};
constexpr std::array<std::string_view, 3> genders{"female", "male", "other"};
constexpr std::array<std::string_view, 5> employment_forms{
    "permanent", "fixed_term", "hourly", "substitute", "apprenticeship"};
constexpr std::array<std::string_view, 12> professions{
    "assistant_nurse",
    "care_assistant",
    "support_assistant",
    "support_educator",
    "personal_assistant",
    "registered_nurse",
    "occupational_therapist",
    "physiotherapist",
    "unit_manager",
    "head_of_operations",
    "administrator",
    "other"};

} // namespace

bool is_unit_kind(std::string_view k) noexcept
{
    return one_of(k, unit_kinds);
}
bool is_profession(std::string_view p) noexcept
{
    return one_of(p, professions);
}

std::optional<failure> validate(organisation const& o)
{
    if (auto f = check_text(o.name, "/name", 200, true))
        return f;
    if (!one_of(o.kind, organisation_kinds))
        return invalid("/kind", "must be one of municipality, private_provider, region, other");
    // Only Swedish installations for now: the calendar rules (DST days in tests) are written for this zone.
    if (o.time_zone != "Europe/Stockholm")
        return invalid("/time_zone", "must be Europe/Stockholm");
    return std::nullopt;
}

std::optional<failure> validate(unit const& u)
{
    if (auto f = check_text(u.name, "/name", 200, true))
        return f;
    if (!is_unit_kind(u.kind))
        return invalid(
            "/kind", "must be one of home_care, residential, disability_support, health_care, other"
        );
    if (u.parent_id && *u.parent_id == u.id)
        return failure{errc::unit_cycle, "/parent_id", "a unit cannot be its own parent"};
    return std::nullopt;
}

std::optional<failure> validate(employee const& e)
{
    if (auto f = check_text(e.given_name, "/given_name", 100, true))
        return f;
    if (auto f = check_text(e.family_name, "/family_name", 100, true))
        return f;
    if (e.birth_date && !parse_iso_date(*e.birth_date))
        return invalid("/birth_date", "must be a date YYYY-MM-DD");
    if (e.gender && !one_of(*e.gender, genders))
        return invalid("/gender", "must be one of female, male, other");
    if (e.external_ref)
    {
        if (auto f = check_text(*e.external_ref, "/external_ref", 64, true))
            return f;
    }
    return std::nullopt;
}

std::optional<failure> validate(employment const& e)
{
    if (!is_profession(e.profession))
        return invalid("/profession", "is not a known profession code");
    if (!one_of(e.form, employment_forms))
        return invalid("/form", "must be one of permanent, fixed_term, hourly, substitute, apprenticeship");
    auto const start = parse_iso_date(e.start_date);
    if (!start)
        return invalid("/start_date", "must be a date YYYY-MM-DD");
    if (e.end_date)
    {
        auto const end = parse_iso_date(*e.end_date);
        if (!end)
            return invalid("/end_date", "must be a date YYYY-MM-DD");
        if (std::chrono::sys_days{*end} < std::chrono::sys_days{*start})
            return invalid("/end_date", "is before start_date");
    }
    if (e.form != "permanent" && e.form != "hourly" && !e.end_date && e.form != "substitute")
    {
        // A fixed-term or apprenticeship employment always has a planned last day in Swedish law (LAS 5 §).
        return invalid("/end_date", "is required for fixed_term and apprenticeship employments");
    }
    if (e.fte_per_mille < 1 || e.fte_per_mille > 1000)
        return invalid("/fte", "must be greater than 0 and at most 1");
    if (e.unit_ids.empty())
        return invalid("/unit_ids", "must name at least one unit");
    if (e.unit_ids.size() > 20)
        return invalid("/unit_ids", "may name at most 20 units");
    for (std::size_t i = 0; i < e.unit_ids.size(); ++i)
    {
        auto const& id = e.unit_ids[i];
        if (std::count(e.unit_ids.begin(), e.unit_ids.end(), id) > 1)
            return invalid("/unit_ids/" + std::to_string(i), "is listed twice");
    }
    return std::nullopt;
}

} // namespace kompetens::core
