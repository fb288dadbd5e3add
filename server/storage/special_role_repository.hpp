#pragma once
#include "server/core/special_role_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Special-role rules and assignments on SQL; one per unit of work. */
class special_role_repository final : public core::special_role_store
{
    soci::session& sql_;

public:
    explicit special_role_repository(soci::session& sql) : sql_(sql) {}

    std::vector<core::special_role_rule> stored_rules(std::string const& org) override;
    bool save_rule(core::special_role_rule const& r, int expected_version) override;
    void insert_assignment(core::special_role_assignment const& a) override;
    std::optional<core::special_role_assignment>
    find_assignment(std::string const& org, std::string const& id) override;
    bool update_assignment(core::special_role_assignment const& a, int expected_version) override;
    std::vector<core::special_role_assignment>
    assignments_of(std::string const& org, std::string const& employee_id) override;
    std::vector<core::special_role_assignment>
    open_in_units(std::string const& org, std::vector<std::string> const& unit_ids) override;
    std::vector<std::string> holders(std::string const& org) override;
};

} // namespace kompetens::storage
