#pragma once
#include "server/core/employee.hpp"
#include "server/core/employment.hpp"
#include "server/core/organisation.hpp"
#include "server/core/unit.hpp"

#include <boost/json/object.hpp>

namespace kompetens::http::dto {

/** JSON shapes of the directory resources (clients/mobile-api/openapi.yaml is the contract). Readers
    take what a client may set and leave ids, versions and times to the server. */
boost::json::object to_json(core::organisation const& o);
boost::json::object to_json(core::unit const& u);
boost::json::object to_json(core::employee const& e);
boost::json::object to_json(core::employment const& e);

core::result<core::organisation> organisation_from(boost::json::object const& o);
core::result<core::unit> unit_from(boost::json::object const& o);
core::result<core::employee> employee_from(boost::json::object const& o);
core::result<core::employment> employment_from(boost::json::object const& o);

/** `fte` as a decimal (0.75) to per mille; nullopt when it is not in (0, 1] with at most 3 decimals. */
std::optional<int> fte_to_per_mille(double fte);

} // namespace kompetens::http::dto
