#pragma once
#include "server/core/placement_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Workplace-based learning on SQL; one per unit of work. */
class placement_repository final : public core::placement_store
{
    soci::session& sql_;
    bool postgres_;

public:
    placement_repository(soci::session& sql, bool postgres) : sql_(sql), postgres_(postgres) {}

    void insert_provider(core::education_provider const& p) override;
    std::vector<core::education_provider> providers(std::string const& org) override;
    std::optional<core::education_provider>
    find_provider(std::string const& org, std::string const& id) override;
    void insert_programme(core::education_programme const& p) override;
    std::vector<core::education_programme> programmes(std::string const& org) override;
    std::optional<core::education_programme>
    find_programme(std::string const& org, std::string const& id) override;

    void insert_learner(core::learner const& l) override;
    std::optional<core::learner> find_learner(std::string const& org, std::string const& id) override;
    std::optional<core::learner>
    learner_of_employee(std::string const& org, std::string const& employee_id) override;
    std::vector<core::learner> learners(std::string const& org) override;
    bool update_learner(core::learner const& l, int expected_version) override;

    void lock_capacity(
        std::string const& org, std::string const& unit_id, std::optional<std::string> const& supervisor_id
    ) override;

    void insert_placement(core::placement const& p) override;
    std::optional<core::placement> find_placement(std::string const& org, std::string const& id) override;
    bool update_placement(core::placement const& p, int expected_version) override;
    std::vector<core::placement>
    occupying_unit(std::string const& org, std::string const& unit_id, core::date_span const& span) override;
    std::vector<core::placement> occupying_supervisor(
        std::string const& org, std::string const& employee_id, core::date_span const& span
    ) override;
    std::vector<core::placement>
    in_units(std::string const& org, std::vector<std::string> const& unit_ids) override;
    std::vector<core::placement>
    of_supervisor(std::string const& org, std::string const& employee_id) override;

    void insert_note(core::placement_note const& n) override;
    std::optional<core::placement_note> find_note(std::string const& org, std::string const& id) override;
    std::vector<core::placement_note> notes(std::string const& org, std::string const& placement_id) override;
    void save_hours(std::string const& org, core::placement_hours const& h) override;
    std::vector<core::placement_hours>
    hours(std::string const& org, std::string const& placement_id) override;

    core::placement_policy policy(std::string const& org) override;
    bool save_policy(core::placement_policy const& p, int expected_version) override;

    std::vector<std::pair<std::string, int>> unit_capacities(std::string const& org) override;
    std::optional<int> unit_capacity(std::string const& org, std::string const& unit_id) override;
    void set_unit_capacity(std::string const& org, std::string const& unit_id, int max_students) override;
    std::pair<std::optional<int>, std::optional<int>>
    employee_capacity(std::string const& org, std::string const& employee_id) override;
    void set_employee_capacity(
        std::string const& org,
        std::string const& employee_id,
        std::optional<int> max_students,
        std::optional<int> max_mentees
    ) override;

private:
    std::vector<core::placement> query(std::string const& where, std::vector<std::string> const& params);
};

} // namespace kompetens::storage
