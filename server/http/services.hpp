#pragma once
#include "server/core/auth_service.hpp"
#include "server/core/clock.hpp"
#include "server/http/address_throttle.hpp"
#include "sync/server/sync_service.hpp"

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
    core::auth_policy auth{};
    std::atomic<int> db_queue{0}; // requests waiting for or running on the database thread pool
    address_throttle login_throttle{};
    sync::sync_settings sync{};
};

} // namespace kompetens::http
