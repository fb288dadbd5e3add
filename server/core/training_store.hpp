#pragma once
#include "server/core/certificate.hpp"
#include "server/core/course_module.hpp"
#include "server/core/training.hpp"
#include "server/core/training_summary.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** The port for the training catalogue, rules, assignments, records, exemptions and the maintained status
    table; implemented by server/storage inside the caller's transaction. Every read is scoped to an
    organisation. `insert_course` returns false when the code is taken. */
class training_store
{
public:
    virtual ~training_store() = default;

    virtual bool insert_course(course const& c) = 0;
    virtual std::optional<course> find_course(std::string const& org, std::string const& id) = 0;
    virtual std::vector<course> list_courses(std::string const& org) = 0;
    virtual void
    set_course_status(std::string const& org, std::string const& id, std::string const& status) = 0;
    virtual void insert_course_version(course_version const& v) = 0;
    virtual std::optional<course_version>
    current_version(std::string const& org, std::string const& course_id) = 0;
    virtual std::optional<course_version>
    find_course_version(std::string const& org, std::string const& id) = 0;

    virtual void insert_rule(requirement_rule const& r) = 0;
    virtual std::optional<requirement_rule> find_rule(std::string const& org, std::string const& id) = 0;
    virtual std::vector<requirement_rule> active_rules(std::string const& org) = 0;
    virtual void deactivate_rule(std::string const& org, std::string const& id) = 0;

    virtual std::vector<assignment>
    active_assignments(std::string const& org, std::string const& employee_id) = 0;
    virtual void insert_assignment(assignment const& a) = 0;
    virtual void cancel_assignment(std::string const& id, millis at) = 0;

    virtual void insert_record(training_record const& r) = 0;
    virtual std::optional<training_record> find_record(std::string const& org, std::string const& id) = 0;
    virtual void mark_attested(std::string const& id, std::string const& by) = 0;
    virtual std::vector<training_record>
    records_of(std::string const& org, std::string const& employee_id) = 0;

    /** Stores a certificate unless the organisation has one with the same hash; true when it was new. */
    virtual bool insert_certificate(certificate const& c, std::string const& base64) = 0;
    virtual std::optional<certificate>
    find_certificate(std::string const& org, std::string const& sha256) = 0;
    /** The bytes, base64-encoded as stored. */
    virtual std::optional<std::string>
    certificate_data(std::string const& org, std::string const& sha256) = 0;

    virtual void insert_exemption(exemption const& e) = 0;
    virtual std::vector<exemption> exemptions_of(std::string const& org, std::string const& employee_id) = 0;

    virtual void insert_module(course_module const& m) = 0;
    virtual std::optional<course_module> find_module(std::string const& org, std::string const& id) = 0;
    virtual std::vector<course_module> modules_of(std::string const& org, std::string const& course_id) = 0;
    /** Marks a module done for a person in the current cycle (idempotent). */
    virtual void mark_module_done(
        std::string const& org, std::string const& employee_id, std::string const& module_id, millis at
    ) = 0;
    virtual std::vector<std::string>
    modules_done(std::string const& org, std::string const& employee_id, std::string const& course_id) = 0;
    /** Starts a new cycle: forgets which modules of the course the person has done. */
    virtual void clear_modules_done(
        std::string const& org, std::string const& employee_id, std::string const& course_id
    ) = 0;
    virtual void insert_attempt(
        std::string const& id,
        std::string const& org,
        std::string const& employee_id,
        std::string const& module_id,
        std::string const& answers,
        int score,
        bool passed,
        millis at
    ) = 0;

    /** Replaces the person's rows of the status table with `rows`, and their projection per current unit
        (`unit_ids`) with `gender` beside it, which the organisation summary reads. Writes nothing when
        nothing changed. */
    virtual void replace_statuses(
        std::string const& org,
        std::string const& employee_id,
        std::vector<requirement_status> const& rows,
        std::string const& gender,
        std::vector<std::string> const& unit_ids
    ) = 0;
    virtual std::vector<requirement_status>
    statuses_of(std::string const& org, std::string const& employee_id) = 0;
    /** Status rows of everyone with an employment in `unit_id` that covers `day`. */
    virtual std::vector<requirement_status>
    statuses_in_unit(std::string const& org, std::string const& unit_id, std::string const& day) = 0;
    /** Status rows of the organisation whose `valid_until` falls in [from, to]. */
    virtual std::vector<requirement_status>
    expiring_between(std::string const& org, std::string const& from, std::string const& to) = 0;
    /** Status rows not yet met whose due date is before `day`. */
    virtual std::vector<requirement_status> overdue_on(std::string const& org, std::string const& day) = 0;
    /** Counts per current unit, course, state and gender: one grouped query over the status table. */
    virtual std::vector<status_count> status_counts(std::string const& org, std::string const& day) = 0;

    virtual bool delegation_task_exists(std::string const& org, std::string const& task_id) = 0;
    /** Delegation task ids the person holds an active, signed delegation for on `now`. */
    virtual std::vector<std::string>
    held_delegation_tasks(std::string const& org, std::string const& employee_id, millis now) = 0;

    /** Everyone with a status row, an active assignment, or an employment covering `day`. */
    virtual std::vector<std::string> people_to_recompute(std::string const& org, std::string const& day) = 0;
};

} // namespace kompetens::core
