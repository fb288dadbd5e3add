#pragma once
#include "server/core/senior_plan_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Senior plans on SQL; one per unit of work. */
class senior_plan_repository final : public core::senior_plan_store
{
    soci::session& sql_;

public:
    explicit senior_plan_repository(soci::session& sql) : sql_(sql) {}

    std::optional<core::senior_plan> find(std::string const& org, std::string const& employee_id) override;
    bool save(core::senior_plan const& p, int expected_version) override;
};

} // namespace kompetens::storage
