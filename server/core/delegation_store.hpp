#pragma once
#include "server/core/delegation.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** The port for the delegation catalogue, decisions, their events and follow-ups; implemented by
    server/storage inside the caller's transaction. Every read is scoped to an organisation.
    `insert_task` returns false when the code is taken; `update_decision` when the stored version is not
    `expected` (a concurrent change). Events and follow-ups are only ever appended. */
class delegation_store
{
public:
    virtual ~delegation_store() = default;

    virtual bool insert_task(delegation_task const& t) = 0;
    virtual std::optional<delegation_task> find_task(std::string const& org, std::string const& id) = 0;
    virtual std::vector<delegation_task> list_tasks(std::string const& org) = 0;

    virtual void insert_decision(delegation_decision const& d) = 0;
    virtual bool update_decision(delegation_decision const& d, int expected) = 0;
    virtual std::optional<delegation_decision>
    find_decision(std::string const& org, std::string const& id) = 0;
    virtual std::vector<delegation_decision>
    decisions_of_delegate(std::string const& org, std::string const& employee_id) = 0;
    virtual std::vector<delegation_decision>
    decisions_of_delegator(std::string const& org, std::string const& employee_id) = 0;
    /** Decisions whose scope names one of `unit_ids`. */
    virtual std::vector<delegation_decision>
    decisions_in_units(std::string const& org, std::vector<std::string> const& unit_ids) = 0;
    /** Decisions in `state` (the sweep's input). */
    virtual std::vector<delegation_decision>
    decisions_in_state(std::string const& org, delegation_state state) = 0;
    /** Every decision that was ever active: the history query's input. */
    virtual std::vector<delegation_decision> decisions_ever_active(std::string const& org) = 0;

    virtual void append_event(delegation_event const& e) = 0;
    virtual std::vector<delegation_event>
    events_of(std::string const& org, std::string const& decision_id) = 0;

    virtual void insert_follow_up(delegation_follow_up const& f) = 0;
    virtual std::vector<delegation_follow_up>
    follow_ups_of(std::string const& org, std::string const& decision_id) = 0;
};

} // namespace kompetens::core
