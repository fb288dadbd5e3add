#pragma once
#include "server/core/task_record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

class task_record_store
{
public:
    virtual ~task_record_store() = default;
    /** False when a record with this id exists. */
    virtual bool insert(task_record const& r) = 0;
    virtual std::optional<task_record> find(std::string const& org, std::string const& id) = 0;
    /** The person's records that occurred at or after `since`, newest first. */
    virtual std::vector<task_record>
    of_employee(std::string const& org, std::string const& employee_id, millis since) = 0;
};

} // namespace kompetens::core
