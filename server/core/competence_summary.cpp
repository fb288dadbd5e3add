#include "server/core/competence_summary.hpp"

#include "server/core/access_policy.hpp"
#include "server/core/calendar.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/ids.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kompetens::core {

result<std::vector<summary_cell>>
competence_summary_service::summary(principal const& p, std::optional<std::string> const& unit_id)
{
    directory_service dir{s_.directory, s_.audit, clock_};
    std::vector<std::string> units;
    if (unit_id)
    {
        if (!is_uuid(*unit_id) || !s_.directory.find_unit(p.organisation_id, *unit_id))
            return not_found("unit");
        if (!p.has_any(role::hr | role::admin))
        {
            auto const scope = dir.managed_units(p);
            if (std::find(scope.begin(), scope.end(), *unit_id) == scope.end())
                return failure{errc::forbidden, "/unit_id", "name a unit you manage"};
        }
        units = s_.directory.units_below(p.organisation_id, {*unit_id});
    }
    else
    {
        if (auto f = decide(p, action::title_report, p.organisation_id))
            return failure{errc::forbidden, "/unit_id", "managers name one of their units"};
        page_request pr;
        pr.limit = page_request::max_limit;
        for (;;)
        {
            auto pg = s_.directory.list_units(p.organisation_id, {}, pr);
            for (auto const& u : pg.items)
                units.push_back(u.id);
            if (!pg.next)
                break;
            pr.after = pg.next;
        }
    }

    auto const day = stockholm_today(clock_.now());
    auto const reqs = s_.language.requirements(p.organisation_id);
    // Per person: their units in scope, gender, and one yes/no (or not counted) per measure.
    struct person_facts
    {
        std::set<std::string> units;
        std::string gender;
        std::map<std::string, bool> measures;
    };
    std::map<std::string, person_facts> people;
    for (auto const& u : units)
        for (auto const& e : dir.employed_in(p.organisation_id, u, day))
        {
            auto [it, fresh] = people.try_emplace(e.id);
            it->second.units.insert(u);
            if (!fresh)
                continue;
            auto& facts = it->second;
            facts.gender = e.gender.value_or("");
            // The employee row carries the title status (joined on read).
            facts.measures["title"] = may_use_title(e.title_status, e.title_transitional, day);
            std::vector<language_rule> required;
            for (auto const& job : s_.directory.employments_of(p.organisation_id, e.id))
                if (current_on(job, day))
                    for (auto const& r : required_of(reqs, job.profession))
                        required.push_back(r);
            if (!required.empty())
                facts.measures["language"] =
                    unmet(required, s_.language.assessments_of(p.organisation_id, e.id)).empty();
            bool holds = false, at_risk = false;
            for (auto const& a : s_.roles.assignments_of(p.organisation_id, e.id))
                if (a.state != "ended")
                {
                    holds = true;
                    at_risk = at_risk || a.state == "at_risk";
                }
            facts.measures["special_role"] = holds;
            if (holds)
                facts.measures["role_at_risk"] = at_risk;
        }

    // Counts in the training summary's shape, so one pure function decides what is shown.
    std::vector<status_count> counts;
    for (auto const& [id, facts] : people)
        for (auto const& [measure, yes] : facts.measures)
        {
            status_count c{"", measure, yes ? "valid" : "missing", facts.gender, 1};
            counts.push_back(c);
            for (auto const& u : facts.units)
            {
                c.unit_id = u;
                counts.push_back(c);
            }
        }
    record(
        s_.audit,
        p,
        clock_.now(),
        "competence.summary",
        unit_id ? "unit" : "organisation",
        unit_id.value_or(p.organisation_id)
    );
    return summarise(counts);
}

} // namespace kompetens::core
