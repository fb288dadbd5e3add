#pragma once
#include "server/core/placement.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** Providers, programmes, learners, placements, the placement policy and capacities; implemented by
    server/storage inside the caller's transaction. */
class placement_store
{
public:
    virtual ~placement_store() = default;

    virtual void insert_provider(education_provider const& p) = 0;
    virtual std::vector<education_provider> providers(std::string const& org) = 0;
    virtual std::optional<education_provider>
    find_provider(std::string const& org, std::string const& id) = 0;
    virtual void insert_programme(education_programme const& p) = 0;
    virtual std::vector<education_programme> programmes(std::string const& org) = 0;
    virtual std::optional<education_programme>
    find_programme(std::string const& org, std::string const& id) = 0;

    virtual void insert_learner(learner const& l) = 0;
    virtual std::optional<learner> find_learner(std::string const& org, std::string const& id) = 0;
    virtual std::optional<learner>
    learner_of_employee(std::string const& org, std::string const& employee_id) = 0;
    virtual std::vector<learner> learners(std::string const& org) = 0;
    /** False when the version moved. */
    virtual bool update_learner(learner const& l, int expected_version) = 0;

    /** Serialises the capacity checks of one unit and one supervisor (row locks on PostgreSQL; SQLite
        has one writer already). Call before counting. */
    virtual void lock_capacity(
        std::string const& org, std::string const& unit_id, std::optional<std::string> const& supervisor_id
    ) = 0;

    virtual void insert_placement(placement const& p) = 0;
    virtual std::optional<placement> find_placement(std::string const& org, std::string const& id) = 0;
    /** Status, supervisor, meeting dates; false when the version moved. */
    virtual bool update_placement(placement const& p, int expected_version) = 0;
    /** Confirmed and ongoing placements in the unit that overlap `span` (for capacity). */
    virtual std::vector<placement>
    occupying_unit(std::string const& org, std::string const& unit_id, date_span const& span) = 0;
    /** Confirmed and ongoing placements the person supervises that overlap `span`. */
    virtual std::vector<placement>
    occupying_supervisor(std::string const& org, std::string const& employee_id, date_span const& span) = 0;
    /** Placements in the given units (every status), newest first. */
    virtual std::vector<placement>
    in_units(std::string const& org, std::vector<std::string> const& unit_ids) = 0;
    /** Placements the person supervises, or (as a hired learner) takes part in, newest first. */
    virtual std::vector<placement> of_supervisor(std::string const& org, std::string const& employee_id) = 0;

    virtual void insert_note(placement_note const& n) = 0;
    virtual std::optional<placement_note> find_note(std::string const& org, std::string const& id) = 0;
    virtual std::vector<placement_note> notes(std::string const& org, std::string const& placement_id) = 0;
    /** Inserts or replaces the day's hours. */
    virtual void save_hours(std::string const& org, placement_hours const& h) = 0;
    virtual std::vector<placement_hours> hours(std::string const& org, std::string const& placement_id) = 0;

    virtual placement_policy policy(std::string const& org) = 0;
    /** False when `expected_version` is not the stored one (0: none stored). */
    virtual bool save_policy(placement_policy const& p, int expected_version) = 0;

    /** Units with a capacity set: unit id → most students at once. */
    virtual std::vector<std::pair<std::string, int>> unit_capacities(std::string const& org) = 0;
    virtual std::optional<int> unit_capacity(std::string const& org, std::string const& unit_id) = 0;
    virtual void set_unit_capacity(std::string const& org, std::string const& unit_id, int max_students) = 0;
    /** The person's own limits (students, mentees); nullopt fields: the policy's default. */
    virtual std::pair<std::optional<int>, std::optional<int>>
    employee_capacity(std::string const& org, std::string const& employee_id) = 0;
    virtual void set_employee_capacity(
        std::string const& org,
        std::string const& employee_id,
        std::optional<int> max_students,
        std::optional<int> max_mentees
    ) = 0;
};

} // namespace kompetens::core
