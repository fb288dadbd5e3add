#include "server/core/title_service.hpp"

#include "server/core/access_policy.hpp"
#include "server/core/calendar.hpp"
#include "server/core/directory_service.hpp"

#include <chrono>

namespace kompetens::core {

namespace {

title_view view_of(title_status t, std::string const& day)
{
    title_view v;
    v.effective = effective_title_status(t, day);
    v.may_use_title = may_use_title(t, day);
    v.stored = std::move(t);
    return v;
}

int days_between(std::string const& from, std::string_view to)
{
    auto const a = parse_iso_date(from);
    auto const b = parse_iso_date(to);
    if (!a || !b)
        return 0;
    return static_cast<int>((std::chrono::sys_days{*b} - std::chrono::sys_days{*a}).count());
}

} // namespace

result<title_view> title_service::get(principal const& p, std::string const& employee_id)
{
    auto const rel = directory_service{directory_, audit_, clock_}.relation_to(p, employee_id);
    if (auto f = decide(p, action::person_read, p.organisation_id, rel))
        return *f;
    if (!directory_.find_employee(p.organisation_id, employee_id))
        return failure{errc::not_found, "", "no such employee"};
    auto t = store_.find(p.organisation_id, employee_id).value_or(title_status{});
    t.organisation_id = p.organisation_id;
    t.employee_id = employee_id;
    return view_of(std::move(t), stockholm_today(clock_.now()));
}

result<title_view> title_service::set(principal const& p, title_status t, int expected_version)
{
    if (auto f = decide(p, action::title_write, p.organisation_id))
        return *f;
    if (!directory_.find_employee(p.organisation_id, t.employee_id))
        return failure{errc::not_found, "", "no such employee"};
    auto const now = clock_.now();
    auto const day = stockholm_today(now);
    auto current = store_.find(p.organisation_id, t.employee_id).value_or(title_status{});
    if (current.version != expected_version)
        return failure{errc::conflict, "", "the title status changed since it was read; read it again"};
    if (auto f = check_title_change(current, t, day))
        return *f;
    t.organisation_id = p.organisation_id;
    // The right stays through an application and a rejection; setting none is a correction and clears it.
    t.transitional_evidence = t.status == "transitional_right" ? t.evidence
                              : t.status == "none"             ? std::string()
                                                               : current.transitional_evidence;
    t.updated_at = now;
    t.updated_by = p.account_id;
    t.version = current.version + 1;
    if (!store_.save(t, expected_version))
        return failure{errc::conflict, "", "the title status changed since it was read; read it again"};
    // The event names the new status (a code, not a person's data), so the trail is the title's history.
    record(audit_, p, now, "title." + t.status, "employee", t.employee_id);
    return view_of(std::move(t), day);
}

result<std::vector<title_transition_row>> title_service::transition_report(principal const& p)
{
    if (auto f = decide(p, action::title_report, p.organisation_id))
        return *f;
    auto const day = stockholm_today(clock_.now());
    std::vector<title_transition_row> rows;
    for (auto const& t : store_.relying_on_transitional_right(p.organisation_id))
    {
        title_transition_row r;
        r.employee_id = t.employee_id;
        r.status = t.status;
        r.right_ended = day > transitional_right_ends;
        r.days_left = r.right_ended ? 0 : days_between(day, transitional_right_ends);
        rows.push_back(std::move(r));
    }
    return rows;
}

} // namespace kompetens::core
