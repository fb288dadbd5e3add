#pragma once
#include "server/core/account_store.hpp"
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/delegation_store.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/notification_store.hpp"
#include "server/core/principal.hpp"
#include "server/core/training_store.hpp"

namespace kompetens::core {

/** How long a password (or PIN) entry counts as fresh for issuing, signing and revoking. */
constexpr millis fresh_authentication = 5 * 60 * 1000;

/** One decision as "who was allowed what, where, when": the history query's row. */
struct history_row
{
    delegation_decision decision;
    interval allowed;
};

/** Which tasks one employee on a shift can cover. */
struct coverage_row
{
    std::string employee_id;
    std::vector<std::string> task_ids;
};

struct shift_coverage
{
    std::vector<coverage_row> people;
    std::vector<std::string> uncovered_task_ids;
};

/** Delegations of health-care tasks: the catalogue, the decision lifecycle with both signatures, the
    checks (`may_perform`, shift coverage), the history, and the watchers run by the periodic sweep.
    Every invariant of DOMAIN.md is enforced here, whichever door (REST or sync) a request came through;
    every change appends an event, an audit entry and the notices the rules ask for, in the caller's
    transaction. Reads are object-level: the delegate, the delegator, the managers of the delegate's
    units, the medical lead (MAS) and administrators; HR and colleagues get `not_found`. */
class delegation_service
{
    directory_store& directory_;
    training_store& training_;
    delegation_store& store_;
    account_store& accounts_;
    audit_store& audit_;
    notification_store& outbox_;
    clock const& clock_;

public:
    delegation_service(
        directory_store& d,
        training_store& t,
        delegation_store& s,
        account_store& a,
        audit_store& au,
        notification_store& n,
        clock const& c
    )
        : directory_(d), training_(t), store_(s), accounts_(a), audit_(au), outbox_(n), clock_(c)
    {
    }

    result<delegation_task> create_task(principal const& p, delegation_task t);
    result<std::vector<delegation_task>> list_tasks(principal const& p);

    /** A delegator's draft for one named employee; the delegator is the caller. */
    result<delegation_decision> create_draft(principal const& p, delegation_decision d);
    /** The delegator signs: prerequisites are checked now and snapshotted; it then awaits the recipient. */
    result<delegation_decision> issue(principal const& p, std::string const& id, signature sig);
    /** The recipient confirms adequate knowledge and signs: the decision becomes active. */
    result<delegation_decision>
    sign(principal const& p, std::string const& id, bool self_assessment_confirmed, signature sig);
    /** The recipient declines (terminal) or returns it to the delegator as a draft. */
    result<delegation_decision> reject(principal const& p, std::string const& id, std::string const& reason);
    result<delegation_decision>
    return_to_delegator(principal const& p, std::string const& id, std::string const& reason);
    /** The delegator (or the medical lead) withdraws it at once. Revoking a revoked decision is harmless. */
    result<delegation_decision>
    revoke(principal const& p, std::string const& id, std::string const& reason, signature sig);
    result<delegation_follow_up> follow_up(principal const& p, std::string const& id, delegation_follow_up f);
    /** The recipient has seen the decision at `version` (a phone shows it, the person taps "seen"): an
        event in its history, no change of state. A stale version is a conflict. */
    result<delegation_decision> acknowledge(principal const& p, std::string const& id, int version);

    result<delegation_decision> get(principal const& p, std::string const& id);
    result<std::vector<delegation_event>> events(principal const& p, std::string const& id);
    result<std::vector<delegation_decision>> mine(principal const& p);
    result<std::vector<delegation_decision>> issued_by_me(principal const& p);
    result<std::vector<delegation_decision>> of_unit(principal const& p, std::string const& unit_id);
    /** A person's decisions, for the history export (the person, their managers, MAS, admin). */
    result<std::vector<delegation_decision>> of_person(principal const& p, std::string const& employee_id);

    result<may_perform_answer> check(
        principal const& p,
        std::string const& employee_id,
        std::string const& task_id,
        std::string const& unit_id,
        std::optional<std::string> const& patient_ref,
        millis at
    );
    result<shift_coverage> coverage(
        principal const& p,
        std::string const& unit_id,
        std::vector<std::string> const& employee_ids,
        std::vector<std::string> const& task_ids,
        millis at
    );
    /** Who was allowed to do what, where, on `day` (medical lead, administrators). */
    result<std::vector<history_row>>
    history(principal const& p, std::string const& day, std::optional<std::string> const& unit_id);

    /** The watchers, for the periodic sweep: expiry, termination when employment or the delegator's
        placement ends, lapsed prerequisites (at risk), and expiry reminders at 30/14/7 days. */
    /** `absence_months`: an absence that has lasted longer than this ends the person's delegations
        (local rule, commonly 3; 0 turns it off). */
    void sweep(std::string const& org, int absence_months = 3);

private:
    std::string today() const;
    /** Whether the caller may read decisions about `delegate_id` issued by `delegator_id`. */
    bool may_read(principal const& p, delegation_decision const& d);
    bool manages(principal const& p, std::string const& employee_id);
    /** The place of a unit: it and every unit above it, nearest first. */
    place
    place_of(std::string const& org, std::string const& unit_id, std::optional<std::string> patient_ref);
    /** Checks every prerequisite for the delegate now; on success the JSON snapshot of the evidence. */
    result<std::string> check_prerequisites(delegation_decision const& d);
    std::optional<failure> fresh(signature const& s) const;
    result<delegation_decision> load(principal const& p, std::string const& id);
    result<delegation_decision>
    save(principal const& p, delegation_decision d, int expected, std::string kind, std::string detail);
    void notify(
        delegation_decision const& d,
        std::string const& kind,
        std::vector<std::string> recipients,
        std::string const& key_suffix = {}
    );
    std::vector<std::string> medical_leads(std::string const& org);
    bool long_absence(std::string const& org, std::string const& emp, std::string const& day, int months);
};

} // namespace kompetens::core
