#pragma once
#include "server/core/clock.hpp"
#include "server/storage/database.hpp"

#include <string>

namespace kompetens::app {

/** Seeds a demo municipality for `ops/run`: a care administration with units of every kind, about fifty
    employees with professions and employments, and one account per role. Does nothing if the demo
    organisation exists. The accounts' random passwords are written to `credentials_file` (mode 0600),
    never to the log. Returns true if it seeded. */
bool seed_demo(storage::database& db, core::clock const& clock, std::string const& credentials_file);

} // namespace kompetens::app
