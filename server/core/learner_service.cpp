#include "server/core/learner_service.hpp"

#include "server/core/ids.hpp"

#include <algorithm>

namespace kompetens::core {

namespace {

failure not_a_learner()
{
    return failure{errc::forbidden, "", "only an employee has their own training"};
}

} // namespace

result<bool> learner_service::record_progress(principal const& p, progress_event e)
{
    if (!p.employee_id)
        return not_a_learner();
    if (!is_uuid(e.id))
        return invalid("/event_id", "must be a UUID minted by the phone");
    if (e.position < 0 || e.position > 100)
        return invalid("/position", "must be between 0 and 100");
    if (!is_uuid(e.module_id) || !training_.find_module(p.organisation_id, e.module_id))
        return invalid("/module_id", "no such module in this organisation");
    e.organisation_id = p.organisation_id;
    e.employee_id = *p.employee_id;
    e.received_at = clock_.now();
    // Progress is not personal data worth an audit entry per scroll; completions are audited.
    return learning_.insert_progress_event(e);
}

result<assignment>
learner_service::acknowledge_assignment(principal const& p, std::string const& assignment_id)
{
    if (!p.employee_id)
        return not_a_learner();
    auto list = training_.active_assignments(p.organisation_id, *p.employee_id);
    auto it =
        std::find_if(list.begin(), list.end(), [&](assignment const& a) { return a.id == assignment_id; });
    if (it == list.end())
        return not_found("assignment");
    if (!it->acknowledged_at)
    {
        auto const now = clock_.now();
        learning_.acknowledge_assignment(p.organisation_id, it->id, now);
        it->acknowledged_at = now;
        record(audit_, p, now, "assignment.acknowledge", "assignment", it->id);
    }
    return *it;
}

result<std::vector<assignment>> learner_service::my_assignments(principal const& p)
{
    if (!p.employee_id)
        return std::vector<assignment>{};
    return training_.active_assignments(p.organisation_id, *p.employee_id);
}

result<std::vector<training_record>> learner_service::my_records(principal const& p)
{
    if (!p.employee_id)
        return std::vector<training_record>{};
    return training_.records_of(p.organisation_id, *p.employee_id);
}

result<std::vector<module_progress_row>> learner_service::my_progress(principal const& p)
{
    if (!p.employee_id)
        return std::vector<module_progress_row>{};
    return learning_.progress_of(p.organisation_id, *p.employee_id);
}

result<std::optional<attempt_summary>> learner_service::my_attempt(principal const& p, std::string const& id)
{
    if (!p.employee_id)
        return not_a_learner();
    if (!is_uuid(id))
        return invalid("/attempt_id", "must be a UUID minted by the phone");
    auto a = learning_.find_attempt(p.organisation_id, id);
    if (a && a->employee_id != *p.employee_id)
        return failure{errc::conflict, "/attempt_id", "this attempt id is taken"};
    return a;
}

} // namespace kompetens::core
