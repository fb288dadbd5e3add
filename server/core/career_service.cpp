#include "server/core/career_service.hpp"

#include "server/core/access_policy.hpp"
#include "server/core/calendar.hpp"
#include "server/core/career.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/ids.hpp"

namespace kompetens::core {

result<career_view> career_service::get(principal const& p, std::string const& employee_id)
{
    if (!is_uuid(employee_id))
        return not_found("employee");
    auto const rel = directory_service{directory_, audit_, clock_}.relation_to(p, employee_id);
    // Age reveals more than a name: a colleague learns nothing, a manager that they may not see it.
    if (auto f = decide(p, action::person_read, p.organisation_id, rel))
        return *f;
    auto const e = directory_.find_employee(p.organisation_id, employee_id);
    if (!e)
        return not_found("employee");
    if (auto f = decide(p, action::person_read_restricted, p.organisation_id, rel))
        return *f;
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

} // namespace kompetens::core
