#include "server/core/task_record_service.hpp"

#include "server/core/delegation.hpp"
#include "server/core/ids.hpp"

#include <algorithm>

namespace kompetens::core {

namespace {

constexpr millis five_minutes = 5 * 60 * 1000;

bool has(std::vector<std::string> const& v, std::string const& x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

} // namespace

result<task_record_service::recorded> task_record_service::record(principal const& p, task_record r)
{
    if (!p.employee_id)
        return failure{errc::forbidden, "", "only an employee records a task they performed"};
    if (!is_uuid(r.id))
        return invalid("/record_id", "must be a UUID minted by the phone");
    if (auto existing = store_.find(p.organisation_id, r.id))
    {
        if (existing->employee_id != *p.employee_id)
            return failure{errc::conflict, "/record_id", "this record id is taken"};
        return recorded{*existing, true};
    }
    auto d =
        is_uuid(r.decision_id) ? delegations_.find_decision(p.organisation_id, r.decision_id) : std::nullopt;
    if (!d)
        return invalid("/delegation_id", "no such delegation in this organisation");
    if (r.occurred_at <= 0)
        return invalid("/occurred_at_ms", "must be epoch milliseconds");

    auto const now = clock_.now();
    r.organisation_id = p.organisation_id;
    r.employee_id = *p.employee_id;
    r.received_at = now;
    r.flags.clear();
    bool const uncertain = r.occurred_at > now + five_minutes;
    // A time that cannot be trusted is judged at the moment the server received it.
    millis const at = uncertain ? now : r.occurred_at;
    if (d->delegate_id != *p.employee_id || !has(d->task_ids, r.task_id))
        r.flags.emplace_back("not_delegated");
    auto const allowed = allowed_interval(*d);
    if (!d->activated_at || at < allowed.from)
        r.flags.emplace_back("not_yet_active");
    else if (!allowed.contains(at))
        r.flags.emplace_back("performed_after_revocation");
    if (!r.lease_expires_at || at > *r.lease_expires_at)
        r.flags.emplace_back("lease_expired");
    if (uncertain)
        r.flags.emplace_back("time_uncertain");
    store_.insert(r);
    core::record(audit_, p, now, "task_record.create", "task_record", r.id);
    if (!r.flags.empty())
    {
        notification n;
        n.id = new_uuid_v7(now);
        n.organisation_id = r.organisation_id;
        n.recipient_id = d->delegator_id;
        n.kind = "delegation.task_record_flagged";
        n.subject_type = "task_record";
        n.subject_id = r.id;
        n.about_employee_id = r.employee_id;
        n.dedupe_key = "task_record_flagged:" + r.id;
        n.created_at = now;
        outbox_.insert_if_new(n);
    }
    return recorded{r, false};
}

result<std::vector<task_record>> task_record_service::mine(principal const& p, int days)
{
    if (!p.employee_id)
        return std::vector<task_record>{};
    return store_.of_employee(p.organisation_id, *p.employee_id, clock_.now() - days * 24LL * 3600 * 1000);
}

} // namespace kompetens::core
