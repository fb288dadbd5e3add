#pragma once
#include "server/core/mentorship_service.hpp"
#include "server/core/placement_service.hpp"

#include <boost/json/object.hpp>

namespace kompetens::wire {

/** The JSON of placements and mentorships, for REST and (later) sync. A placement carries the learner's
    name only, and notes as fixed codes. */
boost::json::object placement_json(core::placement_view const& v);
boost::json::object learner_json(core::learner const& l);
boost::json::object mentorship_json(core::mentorship_view const& v);
boost::json::object mentorship_programme_json(core::mentorship_programme const& p);

} // namespace kompetens::wire
