#pragma once
#include "server/core/senior_plan.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** Senior plans; implemented by server/storage inside the caller's transaction. */
class senior_plan_store
{
public:
    virtual ~senior_plan_store() = default;
    virtual std::optional<senior_plan> find(std::string const& org, std::string const& employee_id) = 0;
    /** Inserts or replaces; false when `expected_version` is not the stored one (0: none stored). */
    virtual bool save(senior_plan const& p, int expected_version) = 0;
};

} // namespace kompetens::core
