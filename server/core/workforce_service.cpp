#include "server/core/workforce_service.hpp"

#include "server/core/access_policy.hpp"
#include "server/core/calendar.hpp"
#include "server/core/delegation.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/ids.hpp"
#include "server/core/language.hpp"
#include "server/core/placement.hpp"

#include <algorithm>
#include <set>

namespace kompetens::core {

namespace {

/** The employment a person is planned under: the largest extent, then the earliest start, then the id. */
employment const* main_employment(std::vector<employment> const& jobs, std::string const& day)
{
    employment const* best = nullptr;
    for (auto const& j : jobs)
    {
        if (!current_on(j, day) || j.unit_ids.empty())
            continue;
        if (!best || j.fte_per_mille > best->fte_per_mille ||
            (j.fte_per_mille == best->fte_per_mille &&
             (j.start_date < best->start_date || (j.start_date == best->start_date && j.id < best->id))))
            best = &j;
    }
    return best;
}

} // namespace

result<workforce_projection> workforce_service::projection(
    principal const& p, std::optional<std::string> const& unit_id, projection_assumptions a
)
{
    if (auto f = decide(p, action::workforce_plan, p.organisation_id))
        return *f;
    if (a.as_of.empty())
        a.as_of = stockholm_today(clock_.now());
    if (auto f = validate(a))
        return *f;
    auto const& org = p.organisation_id;
    std::vector<std::string> units;
    if (unit_id)
    {
        if (!is_uuid(*unit_id) || !s_.directory.find_unit(org, *unit_id))
            return not_found("unit");
        units = s_.directory.units_below(org, {*unit_id});
    }
    else
    {
        page_request pr;
        pr.limit = page_request::max_limit;
        for (;;)
        {
            auto pg = s_.directory.list_units(org, {}, pr);
            for (auto const& u : pg.items)
                units.push_back(u.id);
            if (!pg.next)
                break;
            pr.after = pg.next;
        }
    }
    std::set<std::string> const scope(units.begin(), units.end());
    auto const day = a.as_of;

    // Read once for the organisation: who holds an active delegation, who mentors, the rules.
    std::set<std::string> delegation_ready;
    for (auto const& d : s_.delegations.decisions_in_state(org, delegation_state::active))
        if (d.valid_from <= day && day <= d.valid_to)
            delegation_ready.insert(d.delegate_id);
    auto const mentors = s_.mentorships.mentors(org);
    auto const reqs = s_.language.requirements(org);
    auto const policy = s_.placements.policy(org);

    directory_service dir{s_.directory, s_.audit, clock_};
    std::set<std::string> seen;
    std::vector<projection_person> people;
    for (auto const& u : units)
        for (auto const& e : dir.employed_in(org, u, day))
        {
            if (!seen.insert(e.id).second)
                continue;
            auto const jobs = s_.directory.employments_of(org, e.id);
            auto const* job = main_employment(jobs, day);
            if (!job || !scope.contains(job->unit_ids.front()))
                continue; // planned under a unit outside the scope
            projection_person person;
            person.unit_id = job->unit_ids.front();
            person.profession = job->profession;
            person.birth_date = e.birth_date;
            if (auto plan = s_.senior_plans.find(org, e.id))
                person.planned_exit_on = plan->planned_exit_on;
            person.title_status = e.title_status;
            person.title_transitional = e.title_transitional;
            person.delegation_ready = delegation_ready.contains(e.id);
            auto const required = required_of(reqs, job->profession);
            person.language_met = unmet(required, s_.language.assessments_of(org, e.id)).empty();
            person.supervisor = supervisor_missing(policy, s_.training.records_of(org, e.id), 1, day).empty();
            if (std::binary_search(mentors.begin(), mentors.end(), e.id))
                person.mentor_capacity =
                    s_.placements.employee_capacity(org, e.id).second.value_or(policy.default_mentor_capacity
                    );
            people.push_back(std::move(person));
        }
    record(
        s_.audit,
        p,
        clock_.now(),
        "workforce.projection",
        unit_id ? "unit" : "organisation",
        unit_id.value_or(org)
    );
    return project(people, a);
}

} // namespace kompetens::core
