#pragma once
#include "server/core/access_policy.hpp"
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/notification_store.hpp"
#include "server/core/training_store.hpp"

namespace kompetens::core {

/** A person's current view of one requirement, with the course it is about. */
struct my_requirement
{
    course what;
    requirement_status status;
};

/** The training use cases: the catalogue, requirement rules, the assignment engine, manager assignments,
    exemptions, completions and attestation, and the status views. Synchronous, through its ports, in the
    caller's transaction; every change is audited.

    The engine (`recompute_person`) is idempotent: it derives the rule-based assignments a person should
    have from the rules and their current employments, adds the missing ones, cancels (never deletes) those
    that no longer apply, and rewrites the person's status rows. Triggers: a hire, transfer or profession
    change (the employment routes call it), a rule change and a new course version (`recompute_organisation`),
    and every completion, attestation, assignment or exemption of the person, and the periodic sweep that
    moves statuses along as days pass. Each recompute also puts due reminders in the notification outbox,
    once per recipient and occasion. */
class training_service
{
    directory_store& directory_;
    training_store& store_;
    audit_store& audit_;
    notification_store& outbox_;
    clock const& clock_;

public:
    training_service(
        directory_store& d, training_store& t, audit_store& a, notification_store& n, clock const& c
    )
        : directory_(d), store_(t), audit_(a), outbox_(n), clock_(c)
    {
    }

    result<course> create_course(principal const& p, course c, course_version first);
    result<course_version>
    publish_version(principal const& p, std::string const& course_id, course_version v);
    result<course> retire_course(principal const& p, std::string const& course_id);
    result<std::vector<course>> list_courses(principal const& p);

    result<requirement_rule> create_rule(principal const& p, requirement_rule r);
    result<requirement_rule> deactivate_rule(principal const& p, std::string const& rule_id);
    result<std::vector<requirement_rule>> list_rules(principal const& p);

    /** A manager's (or HR's) assignment of a course to people, with a due date and a note. */
    result<std::vector<assignment>> assign(
        principal const& p,
        std::vector<std::string> const& employee_ids,
        std::string const& course_id,
        std::string const& due_date,
        std::string const& note
    );
    result<exemption> exempt(principal const& p, exemption e);

    /** A completion: attested when recorded by someone who may attest, a self-report (unattested) when
        a person records their own. Validity comes from the course version in force now. */
    result<training_record> record_completion(principal const& p, training_record r);
    result<training_record> attest(principal const& p, std::string const& record_id);

    /** Stores an uploaded certificate (PDF, PNG or JPEG, at most 5 MB), content-addressed: the same file
        twice is one certificate. A record then cites it by hash. */
    result<certificate>
    upload_certificate(principal const& p, std::string const& content_type, std::string const& bytes);
    /** The certificate a record cites, with its bytes, for whoever may see the record. */
    result<std::pair<certificate, std::string>>
    certificate_of(principal const& p, std::string const& record_id);

    result<std::vector<my_requirement>> my_training(principal const& p);
    /** People × requirements of one unit, for its manager, HR and administrators. */
    result<std::vector<requirement_status>> unit_matrix(principal const& p, std::string const& unit_id);

    /** Course content. Quizzes keep their answer key on the server: `modules_for_learner` strips it. */
    result<course_module> add_module(principal const& p, course_module m);
    result<std::vector<course_module>> modules_for_learner(principal const& p, std::string const& course_id);

    struct attempt_outcome
    {
        int score = 0;
        bool passed = false;
        bool course_completed = false;
    };
    /** A quiz attempt by the learner, scored here; passing completes the module. `attempt_id`: the
        phone's UUID for it (sync), otherwise the server mints one. */
    result<attempt_outcome> submit_attempt(
        principal const& p,
        std::string const& module_id,
        std::vector<int> const& answers,
        std::string attempt_id = {}
    );
    /** The learner completes a reading or video module. */
    result<attempt_outcome> complete_module(principal const& p, std::string const& module_id);
    /** An attester signs off a practical module for a person (never their own). */
    result<attempt_outcome>
    sign_off(principal const& p, std::string const& module_id, std::string const& employee_id);

    /** Organisation-wide follow-up lists (HR, education coordinators, administrators). */
    result<std::vector<requirement_status>> expiring(principal const& p, int within_days);
    result<std::vector<requirement_status>> overdue(principal const& p);
    result<std::vector<summary_cell>> summary(principal const& p);

    void recompute_person(std::string const& org, std::string const& employee_id);
    void recompute_organisation(std::string const& org);

private:
    std::string today() const;
    std::optional<failure> may_keep_catalogue(principal const& p) const;
    std::optional<failure> may_act_for(principal const& p, std::string const& employee_id);
    void note(principal const& p, std::string action, std::string type, std::string id);
    /** Puts the reminder a status row calls for in the outbox: for the person, and for their managers
        when it needs a manager's attention. Idempotent through the dedupe key. */
    void remind(requirement_status const& s, std::string const& day);
    /** After a module is done: when every module of the course is, records the completion and starts a new
     * cycle. */
    bool finish_if_complete(principal const& p, std::string const& employee_id, std::string const& course_id);
};

} // namespace kompetens::core
