#pragma once
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/learning_store.hpp"
#include "server/core/principal.hpp"
#include "server/core/training_store.hpp"

namespace kompetens::core {

/** What a learner does and sees on a phone, beyond what `training_service` offers: module progress,
    acknowledging an assignment, and the personal lists that sync carries. Only for the caller's own
    employee record; in the caller's transaction. */
class learner_service
{
    training_store& training_;
    learning_store& learning_;
    audit_store& audit_;
    clock const& clock_;

public:
    learner_service(training_store& t, learning_store& l, audit_store& a, clock const& c)
        : training_(t), learning_(l), audit_(a), clock_(c)
    {
    }

    /** Records a position in a module. True when the event is new, false for one already stored. */
    result<bool> record_progress(principal const& p, progress_event e);
    /** "I have seen this assignment": stamps it once; acknowledging again changes nothing. */
    result<assignment> acknowledge_assignment(principal const& p, std::string const& assignment_id);

    result<std::vector<assignment>> my_assignments(principal const& p);
    result<std::vector<training_record>> my_records(principal const& p);
    result<std::vector<module_progress_row>> my_progress(principal const& p);
    /** An attempt of the caller's by the phone's id, to answer a repeated submission without a new one;
        nothing when there is none; a conflict when the id is someone else's. */
    result<std::optional<attempt_summary>> my_attempt(principal const& p, std::string const& id);
};

} // namespace kompetens::core
