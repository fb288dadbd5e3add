#pragma once
#include "server/core/learning.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** The learner's side of training as phones write it: progress events, attempts by id, assignment
    acknowledgements. Implemented in server/storage. */
class learning_store
{
public:
    virtual ~learning_store() = default;

    /** False when an event with this id is already stored. */
    virtual bool insert_progress_event(progress_event const& e) = 0;
    /** Every module the person has progress in or has done, in the current cycle. */
    virtual std::vector<module_progress_row>
    progress_of(std::string const& org, std::string const& employee_id) = 0;
    virtual std::optional<attempt_summary> find_attempt(std::string const& org, std::string const& id) = 0;
    /** Sets the acknowledgement time of an active assignment of the person unless it has one. */
    virtual void
    acknowledge_assignment(std::string const& org, std::string const& assignment_id, millis at) = 0;
};

} // namespace kompetens::core
