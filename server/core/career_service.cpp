#include "server/core/career_service.hpp"

#include "server/core/access_policy.hpp"
#include "server/core/calendar.hpp"
#include "server/core/career.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/ids.hpp"

#include <algorithm>

namespace kompetens::core {

std::optional<failure> career_service::may_see(principal const& p, std::string const& employee_id)
{
    if (!is_uuid(employee_id))
        return not_found("employee");
    auto const rel = directory_service{directory_, audit_, clock_}.relation_to(p, employee_id);
    // Age reveals more than a name: a colleague learns nothing, a manager that they may not see it.
    if (auto f = decide(p, action::person_read, p.organisation_id, rel))
        return f;
    if (!directory_.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    return decide(p, action::person_read_restricted, p.organisation_id, rel);
}

result<career_view> career_service::get(principal const& p, std::string const& employee_id)
{
    if (auto f = may_see(p, employee_id))
        return *f;
    auto const e = directory_.find_employee(p.organisation_id, employee_id);
    career_view v;
    v.employee_id = employee_id;
    v.las_age = las_age_in_force(stockholm_today(clock_.now()));
    v.birth_date = e->birth_date;
    if (e->birth_date)
    {
        v.las_date = las_date(*e->birth_date);
        v.target_retirement_date = target_retirement_date(*e->birth_date);
        if (auto const born = parse_iso_date(*e->birth_date))
            v.target_retirement_age = target_retirement_age(static_cast<int>(born->year()));
    }
    if (p.employee_id != employee_id)
        record(audit_, p, clock_.now(), "career.read", "employee", employee_id);
    return v;
}

result<senior_plan> career_service::plan(principal const& p, std::string const& employee_id)
{
    if (auto f = may_see(p, employee_id))
        return *f;
    auto plan = plans_.find(p.organisation_id, employee_id).value_or(senior_plan{});
    plan.organisation_id = p.organisation_id;
    plan.employee_id = employee_id;
    if (p.employee_id != employee_id)
        record(audit_, p, clock_.now(), "senior_plan.read", "employee", employee_id);
    return plan;
}

result<senior_plan> career_service::save_plan(principal const& p, senior_plan plan, int expected_version)
{
    if (auto f = may_see(p, plan.employee_id))
        return *f;
    auto const now = clock_.now();
    if (auto f = validate(plan, stockholm_today(now)))
        return *f;
    auto const current = plans_.find(p.organisation_id, plan.employee_id).value_or(senior_plan{});
    if (current.version != expected_version)
        return failure{errc::conflict, "", "the plan changed since it was read; read it again"};
    if (!p.has(role::hr))
    {
        // The person's own: wishes and a planned exit are theirs, what was agreed is agreed with HR.
        bool const same = plan.agreed.size() == current.agreed.size() &&
                          std::equal(
                              plan.agreed.begin(),
                              plan.agreed.end(),
                              current.agreed.begin(),
                              [](auto const& a, auto const& b) {
                                  return a.kind == b.kind && a.from_date == b.from_date &&
                                         a.to_date == b.to_date && a.fte_per_mille == b.fte_per_mille;
                              }
                          );
        if (!same || plan.review_on != current.review_on)
            return failure{errc::forbidden, "/agreed", "agreed measures and the review date are set with HR"};
    }
    plan.organisation_id = p.organisation_id;
    plan.updated_at = now;
    plan.updated_by = p.account_id;
    plan.version = current.version + 1;
    if (!plans_.save(plan, expected_version))
        return failure{errc::conflict, "", "the plan changed since it was read; read it again"};
    record(audit_, p, now, "senior_plan.save", "employee", plan.employee_id);
    return plan;
}

} // namespace kompetens::core
