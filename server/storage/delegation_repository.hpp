#pragma once
#include "server/core/delegation_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Delegations on SQL; one per unit of work. */
class delegation_repository final : public core::delegation_store
{
    soci::session& sql_;

public:
    explicit delegation_repository(soci::session& sql) : sql_(sql) {}

    bool insert_task(core::delegation_task const& t) override;
    std::optional<core::delegation_task> find_task(std::string const& org, std::string const& id) override;
    std::vector<core::delegation_task> list_tasks(std::string const& org) override;

    void insert_decision(core::delegation_decision const& d) override;
    bool update_decision(core::delegation_decision const& d, int expected) override;
    std::optional<core::delegation_decision>
    find_decision(std::string const& org, std::string const& id) override;
    std::vector<core::delegation_decision>
    decisions_of_delegate(std::string const& org, std::string const& employee_id) override;
    std::vector<core::delegation_decision>
    decisions_of_delegator(std::string const& org, std::string const& employee_id) override;
    std::vector<core::delegation_decision>
    decisions_in_units(std::string const& org, std::vector<std::string> const& unit_ids) override;
    std::vector<core::delegation_decision>
    decisions_in_state(std::string const& org, core::delegation_state state) override;
    std::vector<core::delegation_decision> decisions_ever_active(std::string const& org) override;

    void append_event(core::delegation_event const& e) override;
    std::vector<core::delegation_event>
    events_of(std::string const& org, std::string const& decision_id) override;

    void insert_follow_up(core::delegation_follow_up const& f) override;
    std::vector<core::delegation_follow_up>
    follow_ups_of(std::string const& org, std::string const& decision_id) override;

private:
    std::vector<core::delegation_decision>
    decisions_where(std::string const& where, std::string const& org, std::string const& arg);
};

} // namespace kompetens::storage
