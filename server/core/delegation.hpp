#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** A course that must be valid, and recent enough, before a task may be delegated (e.g. medication
    handling with a passed test, at most 12 months old). */
struct course_prerequisite
{
    std::string course_id;
    std::optional<int> max_age_months; // none: any valid completion
};

/** A health-care task in an organisation's delegation catalogue (the medical lead's guideline). */
struct delegation_task
{
    std::string id;
    std::string organisation_id;
    std::string code; // e.g. MED-DOS, INSULIN-PENNA
    std::string name;
    std::string category;       // medication | insulin | wound_care | catheter | rehabilitation | other
    std::string tier = "basic"; // simple | basic | advanced
    std::vector<std::string>
        delegator_professions; // registered_nurse | occupational_therapist | physiotherapist
    std::vector<course_prerequisite> prerequisite_courses;
    std::vector<std::string>
        prerequisite_tasks; // an active delegation of each is needed (insulin ⇒ medication)
    int min_days_in_unit = 0;
    std::optional<std::string> min_language_level;   // CEFR; checked once language records exist (fail-safe)
    int max_validity_months = 12;                    // 1–12; the law's year is the ceiling
    std::vector<std::string> allowed_scopes{"unit"}; // unit | area | patient
    std::string risk_class = "medium";               // low | medium | high: the offline lease on phones
    bool suspend_on_lapse = false; // a lapsed prerequisite suspends its delegations, not only flags them
    bool active = true;
    millis created_at = 0;
};

/** A signature on a decision: how the signer proved it was them, and when. Password re-entry now;
    BankID and SITHS are further methods of the same shape. */
struct signature
{
    std::string method; // password | pin | bankid | siths | paper
    millis signed_at = 0;
};

enum class delegation_state
{
    draft,
    awaiting_signatures,
    active,
    rejected,
    expired,
    revoked,
    terminated,
    superseded,
};

std::string_view state_name(delegation_state s) noexcept;
std::optional<delegation_state> parse_delegation_state(std::string_view s) noexcept;
/** Rejected, expired, revoked, terminated and superseded decisions never change again. */
bool is_terminal(delegation_state s) noexcept;

/** One delegation decision: a delegator lets one named employee perform listed tasks in a scope, for a
    period of at most a year (domain.md §8.1, item 9). Never deleted; every change is also an event. */
struct delegation_decision
{
    std::string id;
    std::string organisation_id;
    std::string delegator_id; // employee id of the licensed professional
    std::string delegator_profession;
    std::string legitimation_id;
    std::string delegate_id; // employee id of the recipient
    std::vector<std::string> task_ids;
    std::string scope_kind = "unit"; // unit | area (the unit and everything below it) | patient
    std::vector<std::string> unit_ids;
    std::optional<std::string> patient_ref; // an opaque reference from the care system; never a name
    std::string valid_from;                 // YYYY-MM-DD, first day
    std::string valid_to;                   // YYYY-MM-DD, last day, inclusive (Europe/Stockholm)
    bool single_occasion = false;
    delegation_state state = delegation_state::draft;
    std::optional<std::string> renews_id;
    std::string prerequisite_snapshot = "[]"; // JSON: the evidence the decision was issued on
    std::optional<signature> delegator_signature;
    std::optional<signature> delegate_signature;
    bool self_assessment_confirmed = false; // the recipient states they have the knowledge needed
    std::optional<millis> activated_at;
    std::optional<millis> ended_at; // revoked, terminated, superseded or expired
    std::string end_reason;         // for revoked and terminated: why
    std::optional<std::string> ended_by;
    bool at_risk = false; // a prerequisite has lapsed since issue
    std::string at_risk_reason;
    bool suspended = false; // at risk, and a task says so: not usable until the prerequisite holds again
    std::vector<std::string> delegator_unit_ids; // where the delegator worked when issuing
    millis created_at = 0;
    int version = 1;
};

/** An append-only record of one change of a decision. */
struct delegation_event
{
    std::string id;
    std::string organisation_id;
    std::string decision_id;
    std::string kind;  // created | issued | signed | returned | rejected | activated | revoked | expired |
                       // terminated | superseded | at_risk | follow_up
    std::string actor; // account id, or "system"
    millis at = 0;
    std::string state_after;
    std::string detail; // JSON object; reasons and references, never names
};

/** The delegator's periodic check (bevakning). */
struct delegation_follow_up
{
    std::string id;
    std::string organisation_id;
    std::string decision_id;
    std::string by;          // account id
    std::string on;          // YYYY-MM-DD
    std::string outcome;     // continue | retrain | revoke
    std::string observation; // predefined: performed_as_instructed | needs_support | deviation_reported
    std::optional<std::string> next_due; // YYYY-MM-DD
    millis created_at = 0;
};

/** Where a task is to be performed: a unit with the units above it (nearest first), and optionally an
    opaque patient reference. */
struct place
{
    std::vector<std::string> unit_and_ancestors;
    std::optional<std::string> patient_ref;
};

/** [from, to) in epoch ms during which a decision lets its delegate act: from activation (no earlier than
    the start of valid_from in Stockholm) to the start of the day after valid_to, or the moment it was
    revoked, terminated or superseded. Empty (from >= to) when it never became active. */
struct interval
{
    millis from = 0;
    millis to = 0;
    bool contains(millis t) const noexcept { return from <= t && t < to; }
    bool overlaps(interval o) const noexcept { return from < o.to && o.from < to; }
};
interval allowed_interval(delegation_decision const& d);

/** Whether the decision's scope includes the place. */
bool covers(delegation_decision const& d, place const& where);

/** The answer to "may X perform T here at t", with the reasons a person reads. */
struct may_perform_answer
{
    bool allowed = false;
    std::optional<std::string> decision_id; // the decision that allows it
    std::vector<std::string> reasons;       // why not, per decision considered (stable codes)
};

/** Pure: decides over the delegate's decisions. Only a decision that is, at `t`, inside its allowed
    interval, lists the task and covers the place allows; every other one adds its reason (revoked,
    expired, not_yet_valid, awaiting_signatures, task_not_covered, place_not_covered, …). */
may_perform_answer may_perform(
    std::vector<delegation_decision> const& decisions,
    std::string const& task_id,
    place const& where,
    millis t
);

/** The last day a decision starting on `valid_from` may run under a maximum of `months` (at most 12):
    valid_from + months − 1 day, so a year from 2026-03-01 runs through 2027-02-28. The anniversary of a
    month-end is clamped to the shorter month first, so a year from 2028-02-29 runs through 2029-02-27:
    the one day arithmetic of the product (DOMAIN.md), on the safe side of "at most one year". */
std::string last_allowed_day(std::string const& valid_from, int months);

std::optional<failure> validate(delegation_task const& t);
/** Checks a draft's own fields (dates, scope shape, no self-delegation) against `today`. */
std::optional<failure> validate(delegation_decision const& d, std::string const& today);

} // namespace kompetens::core
