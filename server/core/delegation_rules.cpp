#include "server/core/calendar.hpp"
#include "server/core/delegation.hpp"
#include "server/core/delegation_detail.hpp"
#include "server/core/ids.hpp"
#include "server/core/legitimation.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace kompetens::core {

using delegation_detail::contains;

namespace {

constexpr std::array<std::pair<delegation_state, std::string_view>, 8> state_names{{
    {delegation_state::draft, "draft"},
    {delegation_state::awaiting_signatures, "awaiting_signatures"},
    {delegation_state::active, "active"},
    {delegation_state::rejected, "rejected"},
    {delegation_state::expired, "expired"},
    {delegation_state::revoked, "revoked"},
    {delegation_state::terminated, "terminated"},
    {delegation_state::superseded, "superseded"},
}};

bool one_of(std::string_view v, std::initializer_list<std::string_view> allowed)
{
    return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

millis day_start(std::string const& iso)
{
    return stockholm_day_start(*parse_iso_date(iso));
}

millis day_after_start(std::string const& iso)
{
    return stockholm_day_start(std::chrono::year_month_day{
        std::chrono::sys_days{*parse_iso_date(iso)} + std::chrono::days{1}});
}

} // namespace

std::string_view state_name(delegation_state s) noexcept
{
    for (auto const& [st, name] : state_names)
        if (st == s)
            return name;
    return "draft";
}

std::optional<delegation_state> parse_delegation_state(std::string_view s) noexcept
{
    for (auto const& [st, name] : state_names)
        if (name == s)
            return st;
    return std::nullopt;
}

bool is_terminal(delegation_state s) noexcept
{
    return s == delegation_state::rejected || s == delegation_state::expired ||
           s == delegation_state::revoked || s == delegation_state::terminated ||
           s == delegation_state::superseded;
}

interval allowed_interval(delegation_decision const& d)
{
    if (!d.activated_at || !parse_iso_date(d.valid_from) || !parse_iso_date(d.valid_to))
        return {};
    interval i{std::max(*d.activated_at, day_start(d.valid_from)), day_after_start(d.valid_to)};
    // Expiry ends at the date boundary whatever the stored state says; the other endings at their moment.
    if (d.ended_at && d.state != delegation_state::expired)
        i.to = std::min(i.to, *d.ended_at);
    if (i.to < i.from)
        i.to = i.from;
    return i;
}

bool covers(delegation_decision const& d, place const& where)
{
    if (where.unit_and_ancestors.empty())
        return false;
    auto const& here = where.unit_and_ancestors.front();
    if (d.scope_kind == "unit")
        return contains(d.unit_ids, here) && (!where.patient_ref || !d.patient_ref);
    if (d.scope_kind == "area")
        return std::any_of(
            where.unit_and_ancestors.begin(),
            where.unit_and_ancestors.end(),
            [&](auto const& u) { return contains(d.unit_ids, u); }
        );
    if (d.scope_kind == "patient")
        return contains(d.unit_ids, here) && where.patient_ref && d.patient_ref == where.patient_ref;
    return false;
}

may_perform_answer may_perform(
    std::vector<delegation_decision> const& decisions,
    std::string const& task_id,
    place const& where,
    millis t
)
{
    may_perform_answer a;
    for (auto const& d : decisions)
    {
        if (!contains(d.task_ids, task_id))
            continue; // about other tasks: not a reason worth listing
        std::string why;
        auto const span = allowed_interval(d);
        if (!covers(d, where))
            why = "place_not_covered";
        else if (!d.activated_at || t < *d.activated_at)
            why = d.state == delegation_state::rejected ? "rejected" : "awaiting_signatures";
        else if (span.contains(t) && d.suspended)
            why = "suspended"; // a prerequisite lapsed and the task suspends until it holds again
        else if (span.contains(t))
        {
            a.allowed = true;
            a.decision_id = d.id;
            a.reasons.clear();
            return a;
        }
        else if (t < span.from)
            why = "not_yet_valid";
        else if (d.ended_at && *d.ended_at <= t && d.state != delegation_state::expired)
            why = std::string(state_name(d.state)); // revoked | terminated | superseded
        else
            why = "expired";
        a.reasons.push_back(d.id + ":" + why);
    }
    if (a.reasons.empty())
        a.reasons.push_back("no_delegation_for_task");
    return a;
}

std::string last_allowed_day(std::string const& valid_from, int months)
{
    auto const from = *parse_iso_date(valid_from);
    auto const end = add_months(from, std::clamp(months, 1, 12));
    return format_iso_date(std::chrono::year_month_day{std::chrono::sys_days{end} - std::chrono::days{1}});
}

std::optional<failure> validate(delegation_task const& t)
{
    if (t.code.empty() || t.code.size() > 40)
        return invalid("/code", "must be 1-40 characters");
    if (t.name.empty() || t.name.size() > 200)
        return invalid("/name", "must be 1-200 characters");
    if (!one_of(
            t.category,
            {"medication", "insulin", "wound_care", "catheter", "measurement", "rehabilitation", "other"}
        ))
        return invalid("/category", "is not a task category");
    if (!one_of(t.tier, {"simple", "basic", "advanced"}))
        return invalid("/tier", "must be simple, basic or advanced");
    if (t.delegator_professions.empty())
        return invalid("/delegator_professions", "must name at least one profession");
    for (std::size_t i = 0; i < t.delegator_professions.size(); ++i)
        if (!is_licensed_profession(t.delegator_professions[i]))
            return invalid("/delegator_professions/" + std::to_string(i), "is not a licensed profession");
    for (std::size_t i = 0; i < t.prerequisite_courses.size(); ++i)
    {
        auto const& c = t.prerequisite_courses[i];
        if (!is_uuid(c.course_id))
            return invalid(
                "/prerequisite_courses/" + std::to_string(i) + "/course_id", "must be a course id"
            );
        if (c.max_age_months && (*c.max_age_months < 1 || *c.max_age_months > 120))
            return invalid("/prerequisite_courses/" + std::to_string(i) + "/max_age_months", "must be 1-120");
    }
    for (std::size_t i = 0; i < t.prerequisite_tasks.size(); ++i)
        if (!is_uuid(t.prerequisite_tasks[i]))
            return invalid("/prerequisite_tasks/" + std::to_string(i), "must be a task id");
    if (t.min_days_in_unit < 0 || t.min_days_in_unit > 365)
        return invalid("/min_days_in_unit", "must be 0-365");
    if (t.min_language_level && !one_of(*t.min_language_level, {"A1", "A2", "B1", "B2", "C1", "C2"}))
        return invalid("/min_language_level", "must be a CEFR level A1-C2");
    if (t.max_validity_months < 1 || t.max_validity_months > 12)
        return invalid("/max_validity_months", "must be 1-12: a delegation is valid for at most a year");
    if (t.allowed_scopes.empty())
        return invalid("/allowed_scopes", "must name at least one scope");
    for (std::size_t i = 0; i < t.allowed_scopes.size(); ++i)
        if (!one_of(t.allowed_scopes[i], {"unit", "area", "patient"}))
            return invalid("/allowed_scopes/" + std::to_string(i), "must be unit, area or patient");
    if (!one_of(t.risk_class, {"low", "medium", "high"}))
        return invalid("/risk_class", "must be low, medium or high");
    return std::nullopt;
}

std::optional<failure> validate(delegation_decision const& d, std::string const& today)
{
    if (!is_uuid(d.delegate_id))
        return invalid("/delegate_id", "must be an employee id");
    if (d.delegate_id == d.delegator_id)
        return invalid("/delegate_id", "a delegator cannot delegate to themselves");
    if (d.task_ids.empty() || d.task_ids.size() > 20)
        return invalid("/task_ids", "must name 1-20 tasks");
    for (std::size_t i = 0; i < d.task_ids.size(); ++i)
        if (!is_uuid(d.task_ids[i]))
            return invalid("/task_ids/" + std::to_string(i), "must be a task id");
    if (!one_of(d.scope_kind, {"unit", "area", "patient"}))
        return invalid("/scope_kind", "must be unit, area or patient");
    if (d.unit_ids.empty() || d.unit_ids.size() > 20)
        return invalid("/unit_ids", "must name 1-20 units");
    for (std::size_t i = 0; i < d.unit_ids.size(); ++i)
        if (!is_uuid(d.unit_ids[i]))
            return invalid("/unit_ids/" + std::to_string(i), "must be a unit id");
    if (d.scope_kind == "patient")
    {
        if (!d.patient_ref || d.patient_ref->empty() || d.patient_ref->size() > 64)
            return invalid("/patient_ref", "a patient scope needs an opaque reference of 1-64 characters");
        if (d.unit_ids.size() != 1)
            return invalid("/unit_ids", "a patient scope names the one unit where the patient is");
    }
    else if (d.patient_ref)
        return invalid("/patient_ref", "only a patient scope has a patient reference");
    if (!parse_iso_date(d.valid_from))
        return invalid("/valid_from", "must be a date YYYY-MM-DD");
    if (d.valid_from < today)
        return invalid("/valid_from", "cannot be in the past");
    if (d.single_occasion)
    {
        if (!d.valid_to.empty() && d.valid_to != d.valid_from)
            return invalid("/valid_to", "a single occasion is one day");
    }
    else
    {
        if (!parse_iso_date(d.valid_to))
            return invalid("/valid_to", "must be a date YYYY-MM-DD");
        if (d.valid_to < d.valid_from)
            return invalid("/valid_to", "is before valid_from");
        if (d.valid_to > last_allowed_day(d.valid_from, 12))
            return invalid(
                "/valid_to",
                "a delegation is valid for at most one year (through " + last_allowed_day(d.valid_from, 12) +
                    ")"
            );
    }
    return std::nullopt;
}

} // namespace kompetens::core
