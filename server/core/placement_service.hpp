#pragma once
#include "server/core/access_policy.hpp"
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/mentorship_store.hpp"
#include "server/core/notification_store.hpp"
#include "server/core/placement_store.hpp"
#include "server/core/principal.hpp"
#include "server/core/training_store.hpp"

#include <vector>

namespace kompetens::core {

/** The stores workplace learning and mentorship read. */
struct workplace_ports
{
    directory_store& directory;
    placement_store& placements;
    mentorship_store& mentorships; // a mentor's capacity sits with a supervisor's
    training_store& training;
    audit_store& audit;
    notification_store& notifications;
};

/** A placement with who it is about and what has been documented, for the people who may read it. */
struct placement_view
{
    placement p;
    std::string learner_given_name;
    std::string learner_family_name;
    std::vector<placement_note> notes;
    std::vector<placement_hours> hours;
    int minutes_logged = 0;
};

/** A supervisor who could take one more student in a period. */
struct free_supervisor
{
    std::string employee_id;
    std::string given_name;
    std::string family_name;
    int step = 0; // the highest supervisor-training step held (1 or 2)
    int free = 0; // students they could take on top of those already placed with them
};

/** A unit with a capacity, and how much of it is free in a period. */
struct unit_availability
{
    std::string unit_id;
    int capacity = 0;
    int free = 0;
    std::vector<free_supervisor> supervisors;
};

/** Workplace-based learning (APL, LIA, apprenticeships): the education coordinator's registers, the
    placement's life, the supervisor's documentation, and capacity that is never exceeded. */
class placement_service
{
    workplace_ports s_;
    clock const& clock_;

public:
    placement_service(workplace_ports s, clock const& c) : s_(s), clock_(c) {}

    result<std::vector<education_provider>> providers(principal const& p);
    result<education_provider> create_provider(principal const& p, education_provider v);
    result<std::vector<education_programme>> programmes(principal const& p);
    result<education_programme> create_programme(principal const& p, education_programme v);

    result<std::vector<learner>> learners(principal const& p);
    result<learner> create_learner(principal const& p, learner v);
    /** Links a learner who is hired to their employee record; linking again to the same is a no-op. */
    result<learner>
    link_learner(principal const& p, std::string const& learner_id, std::string const& employee_id);

    result<placement_policy> policy(principal const& p);
    result<placement_policy> set_policy(principal const& p, placement_policy v, int expected_version);
    /** Refused (409 `capacity_exceeded`) below what confirmed placements already use. */
    result<int> set_unit_capacity(principal const& p, std::string const& unit_id, int max_students);
    result<std::pair<std::optional<int>, std::optional<int>>> set_employee_capacity(
        principal const& p,
        std::string const& employee_id,
        std::optional<int> max_students,
        std::optional<int> max_mentees
    );

    /** A school's request: the unit's managers or a coordinator record it. Apprenticeships need the
        learner's apprenticeship employment. */
    result<placement_view> request(principal const& p, placement v);
    /** Names the supervisor and takes up capacity: the supervisor must work in the unit, hold the
        supervisor-training step the form needs, and have room, as must the unit. */
    result<placement_view>
    confirm(principal const& p, std::string const& id, std::optional<std::string> supervisor_id);
    result<placement_view> start(principal const& p, std::string const& id);
    /** Plans or records the tripartite meeting. */
    result<placement_view> meeting(
        principal const& p,
        std::string const& id,
        std::optional<std::string> planned_on,
        std::optional<std::string> held_on
    );
    /** Needs the tripartite meeting held. */
    result<placement_view> complete(principal const& p, std::string const& id);
    result<placement_view> cancel(principal const& p, std::string const& id);

    /** The supervisor's note; a retry with the same id returns the stored one. */
    result<placement_note> add_note(principal const& p, placement_note n);
    result<placement_view> record_hours(principal const& p, placement_hours h);

    result<placement_view> get(principal const& p, std::string const& id);
    result<std::vector<placement_view>> in_unit(principal const& p, std::string const& unit_id);
    /** The placements the caller supervises. */
    result<std::vector<placement_view>> mine(principal const& p);
    /** Who can take a student in the period: units with room, and the supervisors there with room and
        the step held. Coordinators and HR see every unit, managers their own. */
    result<std::vector<unit_availability>> availability(principal const& p, date_span const& span);

private:
    result<placement> readable(principal const& p, std::string const& id, action a);
    relation relation_to(principal const& p, placement const& pl);
    relation relation_to_unit(principal const& p, std::string const& unit_id);
    placement_view view_of(placement pl);
    std::optional<failure> check_capacity(placement const& pl, std::string const& supervisor_id);
    int
    supervisor_capacity(std::string const& org, std::string const& employee_id, placement_policy const& pol);
    result<placement_view> save(principal const& p, placement pl, int expected, std::string const& what);
};

} // namespace kompetens::core
