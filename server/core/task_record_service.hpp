#pragma once
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/delegation_store.hpp"
#include "server/core/notification_store.hpp"
#include "server/core/principal.hpp"
#include "server/core/task_record_store.hpp"

namespace kompetens::core {

/** Records of tasks performed under a delegation. A record is never refused for timing: it is stored
    with flags, and a flagged record puts a review notice before the delegator (DESIGN.md: a rejected write
    is never silently dropped; the care happened). */
class task_record_service
{
    delegation_store& delegations_;
    task_record_store& store_;
    audit_store& audit_;
    notification_store& outbox_;
    clock const& clock_;

public:
    task_record_service(
        delegation_store& d, task_record_store& s, audit_store& a, notification_store& n, clock const& c
    )
        : delegations_(d), store_(s), audit_(a), outbox_(n), clock_(c)
    {
    }

    struct recorded
    {
        task_record record;
        bool existed = false; // the same id came before (another device, or a re-registered one)
    };

    /** `r.lease_expires_at` must only be set from a lease whose signature the caller has checked. */
    result<recorded> record(principal const& p, task_record r);
    /** The caller's own records of the last `days` days. */
    result<std::vector<task_record>> mine(principal const& p, int days);
};

} // namespace kompetens::core
