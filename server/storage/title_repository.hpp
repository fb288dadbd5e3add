#pragma once
#include "server/core/title_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Title statuses on SQL; one per unit of work. */
class title_repository final : public core::title_store
{
    soci::session& sql_;

public:
    explicit title_repository(soci::session& sql) : sql_(sql) {}

    std::optional<core::title_status> find(std::string const& org, std::string const& employee_id) override;
    bool save(core::title_status const& t, int expected_version) override;
    std::vector<core::title_status> relying_on_transitional_right(std::string const& org) override;
};

} // namespace kompetens::storage
