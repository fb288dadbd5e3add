#pragma once
#include "server/core/special_role.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** Special-role rules and assignments; implemented by server/storage inside the caller's transaction. */
class special_role_store
{
public:
    virtual ~special_role_store() = default;

    /** Only the rules the organisation changed (the defaults are core's). */
    virtual std::vector<special_role_rule> stored_rules(std::string const& org) = 0;
    /** Inserts or replaces; false when `expected_version` is not the stored one (0: none stored). */
    virtual bool save_rule(special_role_rule const& r, int expected_version) = 0;

    virtual void insert_assignment(special_role_assignment const& a) = 0;
    virtual std::optional<special_role_assignment>
    find_assignment(std::string const& org, std::string const& id) = 0;
    /** State, missing, at-risk time and end; false when the version moved. */
    virtual bool update_assignment(special_role_assignment const& a, int expected_version) = 0;
    /** All of the person's, ended ones included, oldest first. */
    virtual std::vector<special_role_assignment>
    assignments_of(std::string const& org, std::string const& employee_id) = 0;
    /** Open ones (active or at risk) in the given units. */
    virtual std::vector<special_role_assignment>
    open_in_units(std::string const& org, std::vector<std::string> const& unit_ids) = 0;
    /** Employee ids with an open assignment. */
    virtual std::vector<std::string> holders(std::string const& org) = 0;
};

} // namespace kompetens::core
