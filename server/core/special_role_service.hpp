#pragma once
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/language_store.hpp"
#include "server/core/notification_store.hpp"
#include "server/core/principal.hpp"
#include "server/core/special_role_store.hpp"
#include "server/core/title_store.hpp"
#include "server/core/training_store.hpp"

#include <vector>

namespace kompetens::core {

/** The stores a special role's qualifications are read from. */
struct special_role_ports
{
    directory_store& directory;
    special_role_store& roles;
    training_store& training;
    title_store& titles;
    language_store& language;
    audit_store& audit;
    notification_store& notifications;
};

/** Special roles: qualification rules (HR), giving and ending roles (the unit's managers, HR), and the
    re-check that puts a role at risk when a qualification lapses and tells the holder and managers. */
class special_role_service
{
    special_role_ports s_;
    clock const& clock_;

public:
    special_role_service(special_role_ports s, clock const& c) : s_(s), clock_(c) {}

    /** Every role's rule: the organisation's, or the default. */
    result<std::vector<special_role_rule>> rules(principal const& p);
    result<special_role_rule> set_rule(principal const& p, special_role_rule r, int expected_version);

    /** Gives the role when the person qualifies today; else `prerequisite_missing` naming what lacks. */
    result<special_role_assignment> assign(principal const& p, special_role_assignment a);
    result<special_role_assignment> end(principal const& p, std::string const& assignment_id);
    result<std::vector<special_role_assignment>>
    of_person(principal const& p, std::string const& employee_id);
    /** Open roles in the unit and below: its managers, HR and administrators. */
    result<std::vector<special_role_assignment>> in_unit(principal const& p, std::string const& unit_id);

    /** Re-checks the person's open roles: lapsed ones go at risk (with notices to the holder and their
        managers), ones qualified again go back to active. Returns how many changed state. */
    int recheck(std::string const& org, std::string const& employee_id);
    /** The periodic pass: every holder in the organisation. */
    int sweep(std::string const& org);

private:
    special_role_rule rule_of(std::string const& org, std::string const& role);
    qualification_facts facts_of(std::string const& org, std::string const& employee_id);
    void notify(special_role_assignment const& a, std::string const& kind, millis now);
};

} // namespace kompetens::core
