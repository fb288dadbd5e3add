#pragma once
#include "server/core/clock.hpp"

#include <atomic>

namespace kompetens::storage {
class database;
}

namespace kompetens::http {

class metrics;

/** What handlers may use: owned by the composition root (server/app), shared by all threads. */
struct services
{
    storage::database& db;
    core::clock const& clock;
    metrics& stats;
    std::atomic<bool>& draining;
    core::millis access_token_ttl = 15 * 60 * 1000;
    std::atomic<int> db_queue{0}; // requests waiting for or running on the database thread pool
};

} // namespace kompetens::http
