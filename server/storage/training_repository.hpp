#pragma once
#include "server/core/training_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** `core::training_store` on one SOCI session inside the caller's transaction. */
class training_repository final : public core::training_store
{
    soci::session& sql_;

public:
    explicit training_repository(soci::session& s) : sql_(s) {}

    bool insert_course(core::course const& c) override;
    std::optional<core::course> find_course(std::string const& org, std::string const& id) override;
    std::vector<core::course> list_courses(std::string const& org) override;
    void set_course_status(std::string const& org, std::string const& id, std::string const& status) override;
    void insert_course_version(core::course_version const& v) override;
    std::optional<core::course_version>
    current_version(std::string const& org, std::string const& course_id) override;
    std::optional<core::course_version>
    find_course_version(std::string const& org, std::string const& id) override;

    void insert_rule(core::requirement_rule const& r) override;
    std::optional<core::requirement_rule> find_rule(std::string const& org, std::string const& id) override;
    std::vector<core::requirement_rule> active_rules(std::string const& org) override;
    void deactivate_rule(std::string const& org, std::string const& id) override;

    std::vector<core::assignment>
    active_assignments(std::string const& org, std::string const& employee_id) override;
    void insert_assignment(core::assignment const& a) override;
    void cancel_assignment(std::string const& id, core::millis at) override;

    void insert_record(core::training_record const& r) override;
    std::optional<core::training_record> find_record(std::string const& org, std::string const& id) override;
    void mark_attested(std::string const& id, std::string const& by) override;
    std::vector<core::training_record>
    records_of(std::string const& org, std::string const& employee_id) override;

    bool insert_certificate(core::certificate const& c, std::string const& base64) override;
    std::optional<core::certificate>
    find_certificate(std::string const& org, std::string const& sha256) override;
    std::optional<std::string> certificate_data(std::string const& org, std::string const& sha256) override;
    bool delegation_task_exists(std::string const& org, std::string const& task_id) override;
    std::vector<std::string>
    held_delegation_tasks(std::string const& org, std::string const& employee_id, core::millis now) override;
    void insert_exemption(core::exemption const& e) override;
    std::vector<core::exemption>
    exemptions_of(std::string const& org, std::string const& employee_id) override;

    void insert_module(core::course_module const& m) override;
    std::optional<core::course_module> find_module(std::string const& org, std::string const& id) override;
    std::vector<core::course_module>
    modules_of(std::string const& org, std::string const& course_id) override;
    void mark_module_done(
        std::string const& org, std::string const& employee_id, std::string const& module_id, core::millis at
    ) override;
    std::vector<std::string> modules_done(
        std::string const& org, std::string const& employee_id, std::string const& course_id
    ) override;
    void clear_modules_done(
        std::string const& org, std::string const& employee_id, std::string const& course_id
    ) override;
    void insert_attempt(
        std::string const& id,
        std::string const& org,
        std::string const& employee_id,
        std::string const& module_id,
        std::string const& answers,
        int score,
        bool passed,
        core::millis at
    ) override;

    void replace_statuses(
        std::string const& org,
        std::string const& employee_id,
        std::vector<core::requirement_status> const& rows,
        std::string const& gender,
        std::vector<std::string> const& unit_ids
    ) override;
    std::vector<core::requirement_status>
    statuses_of(std::string const& org, std::string const& employee_id) override;
    std::vector<core::requirement_status>
    statuses_in_unit(std::string const& org, std::string const& unit_id, std::string const& day) override;
    std::vector<std::string> people_to_recompute(std::string const& org, std::string const& day) override;
    std::vector<core::requirement_status>
    expiring_between(std::string const& org, std::string const& from, std::string const& to) override;
    std::vector<core::requirement_status> overdue_on(std::string const& org, std::string const& day) override;
    std::vector<core::status_count> status_counts(std::string const& org, std::string const& day) override;

private:
    std::vector<core::course_module>
    modules_where(std::string const& clause, std::string const& a, std::string const& b);
    std::vector<core::course_version>
    versions_where(std::string const& clause, std::string const& a, std::string const& b);
    std::vector<core::training_record>
    records_where(std::string const& clause, std::string const& a, std::string const& b);
};

} // namespace kompetens::storage
