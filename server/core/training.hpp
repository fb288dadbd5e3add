#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** A course in an organisation's catalogue. Its rules for validity live in versions: a record keeps the
    version in force when it was completed, so a stricter policy never rewrites history (domain.md §8.3,
    rule 15). */
struct course
{
    std::string id;
    std::string organisation_id;
    std::string code; // short and stable, e.g. HLR, BASAL-HYGIEN
    std::string title;
    std::string kind; // e_learning | classroom | external | practical | exam
    std::string provider;
    std::string regulatory_basis; // free text, e.g. "SOSFS 2015:10"
    std::string status = "draft"; // draft | published | retired
    millis created_at = 0;
    int version = 1;
};

/** The validity rules of one published version of a course. */
struct course_version
{
    std::string id;
    std::string course_id;
    std::string organisation_id;
    int number = 1;
    std::optional<int> validity_months;       // none: valid for ever once completed
    int renewal_window_days = 30;             // "expiring" this many days before valid_until
    int grace_days = 0;                       // still counted valid this long after valid_until
    std::optional<int> passing_score;         // 0–100
    std::string evidence_type = "completion"; // completion | attestation | certificate | test
    millis published_at = 0;
};

/** Who must take a course, by scope: the rules engine's input. */
struct requirement_rule
{
    std::string id;
    std::string organisation_id;
    std::string course_id;
    std::string
        scope_kind; // organisation | unit_kind | unit | profession | employment_form | delegation_task
    std::string scope_value; // empty for organisation; a task id for delegation_task (held: active now)
    int due_days = 30;       // after the start of the employment (or of the rule, whichever is later)
    bool active = true;
    millis created_at = 0;
};

/** A course put on a person: by a rule or by a manager. Never deleted; cancelled when it stops applying. */
struct assignment
{
    std::string id;
    std::string organisation_id;
    std::string employee_id;
    std::string course_id;
    std::string source; // rule | manager
    std::optional<std::string> rule_id;
    std::string assigned_by; // account id, or "rules"
    millis assigned_at = 0;
    std::string due_date; // YYYY-MM-DD
    std::string note;
    std::optional<millis> cancelled_at;
    std::optional<millis> acknowledged_at; // the person has seen it (from a phone)
};

/** One completion of one course by one person: a new record per cycle, never overwritten. */
struct training_record
{
    std::string id;
    std::string organisation_id;
    std::string employee_id;
    std::string course_id;
    std::string course_version_id;
    std::string completed_on;               // YYYY-MM-DD
    std::optional<std::string> valid_until; // YYYY-MM-DD, last valid day; none: no expiry
    std::string source;                     // attested | self_report | external_certificate | module
    bool attested = false;
    std::optional<std::string> attested_by;
    std::optional<int> score;
    millis created_at = 0;
    std::optional<std::string> certificate_sha256; // the uploaded evidence, for external certificates
};

/** An exemption from a requirement, with reason, by whom and until when (none: until withdrawn). */
struct exemption
{
    std::string id;
    std::string organisation_id;
    std::string employee_id;
    std::string course_id;
    std::string reason;
    std::string granted_by;
    std::optional<std::string> until; // YYYY-MM-DD, last day
    millis created_at = 0;
};

/** The state of one person against one required course. */
enum class requirement_state
{
    missing,
    assigned,
    in_progress,
    completed_unattested,
    valid,
    expiring,
    expired,
    exempted,
};

std::string_view state_name(requirement_state s) noexcept;

/** One row of the maintained status table (person × required course). */
struct requirement_status
{
    std::string organisation_id;
    std::string employee_id;
    std::string course_id;
    requirement_state state = requirement_state::assigned;
    std::optional<std::string> due_date;
    std::optional<std::string> valid_until;
};

/** What decides a status; gathered by the service, judged by `judge`. */
struct status_inputs
{
    std::optional<assignment> active_assignment;
    std::optional<training_record> latest_record; // the newest by completed_on
    std::optional<course_version> record_version; // the version the record was completed under
    std::optional<exemption> active_exemption;
    bool progress_started = false;
};

/** The status on `today` (YYYY-MM-DD). Pure: every transition is tested on it directly. */
requirement_state judge(status_inputs const& in, std::string const& today);

/** The last valid day of a completion under a version: completed_on + validity months − 1 day. */
std::optional<std::string> valid_until_for(std::string const& completed_on, course_version const& v);

/** Adds days to an ISO date. */
std::string add_days(std::string const& iso_date, int days);

std::optional<failure> validate(course const& c);
std::optional<failure> validate(course_version const& v);
std::optional<failure> validate(requirement_rule const& r);

} // namespace kompetens::core
