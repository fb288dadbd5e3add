#pragma once
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/delegation_store.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/language_store.hpp"
#include "server/core/mentorship_store.hpp"
#include "server/core/placement_store.hpp"
#include "server/core/principal.hpp"
#include "server/core/senior_plan_store.hpp"
#include "server/core/training_store.hpp"
#include "server/core/workforce_projection.hpp"

namespace kompetens::core {

/** Everything the projection reads about today's people. */
struct workforce_ports
{
    directory_store& directory;
    senior_plan_store& senior_plans;
    delegation_store& delegations;
    language_store& language;
    training_store& training;
    placement_store& placements;
    mentorship_store& mentorships;
    audit_store& audit;
};

/** HR's ten-year projection: gathers today's staff of the organisation (or a unit and below) and runs
    `project` under the scenario asked for. HR only: it is built from birth dates. */
class workforce_service
{
    workforce_ports s_;
    clock const& clock_;

public:
    workforce_service(workforce_ports s, clock const& c) : s_(s), clock_(c) {}

    /** `a.as_of` empty: today. */
    result<workforce_projection>
    projection(principal const& p, std::optional<std::string> const& unit_id, projection_assumptions a);
};

} // namespace kompetens::core
