#pragma once
#include "server/core/clock.hpp"
#include "server/core/principal.hpp"
#include "server/storage/unit_of_work.hpp"

#include <string>
#include <vector>

namespace kompetens::app {

/** The demo's titles, language levels, a development plan and special roles, so that every screen of
    the Language issue has something to show. `assistant_nurses` are the demo's undersköterskor; the
    first is the `staff` account's person. Part of the demo seed's transaction. */
void seed_demo_competence(
    storage::unit_of_work& uow,
    core::clock const& clock,
    core::principal const& hr,
    std::vector<std::string> const& assistant_nurses
);

} // namespace kompetens::app
