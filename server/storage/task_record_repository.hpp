#pragma once
#include "server/core/task_record_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Tasks performed under a delegation, on SQL; one per unit of work. */
class task_record_repository final : public core::task_record_store
{
    soci::session& sql_;

public:
    explicit task_record_repository(soci::session& sql) : sql_(sql) {}

    bool insert(core::task_record const& r) override;
    std::optional<core::task_record> find(std::string const& org, std::string const& id) override;
    std::vector<core::task_record>
    of_employee(std::string const& org, std::string const& employee_id, core::millis since) override;
};

} // namespace kompetens::storage
