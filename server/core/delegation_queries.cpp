// The read side of delegations: one decision and its events, the personal and unit views, may_perform,
// shift coverage and the history on a date, and the recipient's acknowledgement (an event, no change).
// Object-level access is decided here, as for every write.
#include "server/core/calendar.hpp"
#include "server/core/delegation_detail.hpp"
#include "server/core/delegation_service.hpp"
#include "server/core/ids.hpp"

#include <set>

namespace kompetens::core {

using delegation_detail::contains;

result<delegation_decision> delegation_service::get(principal const& p, std::string const& id)
{
    return load(p, id);
}

result<std::vector<delegation_event>> delegation_service::events(principal const& p, std::string const& id)
{
    auto d = load(p, id);
    if (!d)
        return d.error();
    return store_.events_of(p.organisation_id, id);
}

result<delegation_decision>
delegation_service::acknowledge(principal const& p, std::string const& id, int version)
{
    auto d = load(p, id);
    if (!d)
        return d.error();
    if (!p.employee_id || *p.employee_id != d->delegate_id)
        return failure{errc::forbidden, "", "only the recipient acknowledges a delegation"};
    if (version != d->version)
        return failure{errc::conflict, "/version", "the delegation changed since you saw it"};
    auto const now = clock_.now();
    store_.append_event(delegation_event{
        new_uuid_v7(now),
        d->organisation_id,
        d->id,
        "acknowledged",
        p.account_id,
        now,
        std::string(state_name(d->state)),
        "{\"version\":" + std::to_string(version) + "}"});
    record(audit_, p, now, "delegation.acknowledged", "delegation", d->id);
    return *d;
}

result<std::vector<delegation_decision>> delegation_service::mine(principal const& p)
{
    if (!p.employee_id)
        return std::vector<delegation_decision>{};
    return store_.decisions_of_delegate(p.organisation_id, *p.employee_id);
}

result<std::vector<delegation_decision>> delegation_service::issued_by_me(principal const& p)
{
    if (!p.employee_id)
        return std::vector<delegation_decision>{};
    return store_.decisions_of_delegator(p.organisation_id, *p.employee_id);
}

result<std::vector<delegation_decision>>
delegation_service::of_unit(principal const& p, std::string const& unit_id)
{
    if (!is_uuid(unit_id) || !directory_.find_unit(p.organisation_id, unit_id))
        return not_found("unit");
    bool allowed = p.has_any(role::admin | role::medical_lead);
    if (!allowed && p.has(role::manager) && p.employee_id)
        allowed = contains(
            directory_.units_below(
                p.organisation_id, directory_.current_units(p.organisation_id, *p.employee_id, today())
            ),
            unit_id
        );
    if (!allowed)
        return failure{
            errc::forbidden,
            "",
            "a unit's delegations are for its managers, the medical lead and administrators"};
    return store_.decisions_in_units(p.organisation_id, {unit_id});
}

result<std::vector<delegation_decision>>
delegation_service::of_person(principal const& p, std::string const& employee_id)
{
    if (!is_uuid(employee_id) || !directory_.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    bool const self = p.employee_id && *p.employee_id == employee_id;
    if (!self && !p.has_any(role::admin | role::medical_lead) && !manages(p, employee_id))
        return not_found("employee");
    record(audit_, p, clock_.now(), "delegation.history_read", "employee", employee_id);
    return store_.decisions_of_delegate(p.organisation_id, employee_id);
}

result<may_perform_answer> delegation_service::check(
    principal const& p,
    std::string const& employee_id,
    std::string const& task_id,
    std::string const& unit_id,
    std::optional<std::string> const& patient_ref,
    millis at
)
{
    if (!is_uuid(employee_id) || !directory_.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    bool const self = p.employee_id && *p.employee_id == employee_id;
    if (!self && !p.has_any(role::admin | role::medical_lead | role::delegator) && !manages(p, employee_id))
        return not_found("employee");
    if (!is_uuid(task_id))
        return invalid("task_id", "must be a task id");
    if (!is_uuid(unit_id) || !directory_.find_unit(p.organisation_id, unit_id))
        return invalid("unit_id", "no such unit in this organisation");
    return may_perform(
        store_.decisions_of_delegate(p.organisation_id, employee_id),
        task_id,
        place_of(p.organisation_id, unit_id, patient_ref),
        at
    );
}

result<shift_coverage> delegation_service::coverage(
    principal const& p,
    std::string const& unit_id,
    std::vector<std::string> const& employee_ids,
    std::vector<std::string> const& task_ids,
    millis at
)
{
    if (!is_uuid(unit_id) || !directory_.find_unit(p.organisation_id, unit_id))
        return not_found("unit");
    bool allowed = p.has_any(role::admin | role::medical_lead);
    if (!allowed && p.has(role::manager) && p.employee_id)
        allowed = contains(
            directory_.units_below(
                p.organisation_id, directory_.current_units(p.organisation_id, *p.employee_id, today())
            ),
            unit_id
        );
    if (!allowed)
        return failure{
            errc::forbidden,
            "",
            "shift coverage is for the unit's managers, the medical lead and administrators"};
    if (employee_ids.size() > 200)
        return invalid("/employee_ids", "at most 200 people per shift");
    if (task_ids.empty() || task_ids.size() > 100)
        return invalid("/task_ids", "must name 1-100 tasks");
    for (std::size_t i = 0; i < employee_ids.size(); ++i)
        if (!is_uuid(employee_ids[i]) || !directory_.find_employee(p.organisation_id, employee_ids[i]))
            return invalid("/employee_ids/" + std::to_string(i), "no such employee in this organisation");
    for (std::size_t i = 0; i < task_ids.size(); ++i)
        if (!is_uuid(task_ids[i]) || !store_.find_task(p.organisation_id, task_ids[i]))
            return invalid("/task_ids/" + std::to_string(i), "no such task in this organisation");
    auto const where = place_of(p.organisation_id, unit_id, std::nullopt);
    shift_coverage out;
    std::set<std::string> covered;
    for (auto const& e : employee_ids)
    {
        coverage_row row{e, {}};
        auto const decisions = store_.decisions_of_delegate(p.organisation_id, e);
        for (auto const& t : task_ids)
            if (may_perform(decisions, t, where, at).allowed)
            {
                row.task_ids.push_back(t);
                covered.insert(t);
            }
        out.people.push_back(std::move(row));
    }
    for (auto const& t : task_ids)
        if (!covered.count(t))
            out.uncovered_task_ids.push_back(t);
    return out;
}

result<std::vector<history_row>> delegation_service::history(
    principal const& p, std::string const& day, std::optional<std::string> const& unit_id
)
{
    if (!p.has_any(role::admin | role::medical_lead))
        return failure{
            errc::forbidden, "", "the delegation history is for the medical lead and administrators"};
    auto const d = parse_iso_date(day);
    if (!d)
        return invalid("on", "must be a date YYYY-MM-DD");
    if (unit_id && (!is_uuid(*unit_id) || !directory_.find_unit(p.organisation_id, *unit_id)))
        return invalid("unit_id", "no such unit in this organisation");
    interval const whole_day{
        stockholm_day_start(*d),
        stockholm_day_start(std::chrono::year_month_day{std::chrono::sys_days{*d} + std::chrono::days{1}})};
    std::vector<history_row> out;
    for (auto& dec : store_.decisions_ever_active(p.organisation_id))
    {
        auto const span = allowed_interval(dec);
        if (!span.overlaps(whole_day))
            continue;
        if (unit_id && !contains(dec.unit_ids, *unit_id))
            continue;
        out.push_back(history_row{std::move(dec), span});
    }
    record(audit_, p, clock_.now(), "delegation.history_query", "organisation", p.organisation_id);
    return out;
}

} // namespace kompetens::core
