#pragma once
#include "server/core/learning_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Progress events, attempts by id and assignment acknowledgements on SQL; one per unit of work. */
class learning_repository final : public core::learning_store
{
    soci::session& sql_;

public:
    explicit learning_repository(soci::session& sql) : sql_(sql) {}

    bool insert_progress_event(core::progress_event const& e) override;
    std::vector<core::module_progress_row>
    progress_of(std::string const& org, std::string const& employee_id) override;
    std::optional<core::attempt_summary> find_attempt(std::string const& org, std::string const& id) override;
    void acknowledge_assignment(std::string const& org, std::string const& assignment_id, core::millis at)
        override;
};

} // namespace kompetens::storage
