#pragma once
#include "server/core/clock.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kompetens::storage {
class database;
}

namespace kompetens::app {

struct sweeper_settings
{
    std::chrono::seconds sweep_interval{3600}; // 0: no periodic pass
    std::optional<std::string> webhook_url;
    std::string webhook_secret;
    std::chrono::milliseconds webhook_interval{10'000};
    int webhook_max_attempts = 12; // then the delivery is given up (kept, flagged `failed`)
    std::chrono::milliseconds webhook_timeout{5'000};
    int delegation_absence_months = 3; // an absence longer than this ends delegations; 0: off
};

/** The server's background work, on one thread of its own:
    - the periodic pass of the engine: as days pass, statuses move (valid → expiring → expired, due →
      overdue) and reminders fall due, with no request to trigger them; it recomputes every organisation
      in short transactions of a hundred people, so it never holds the SQLite writer for long;
    - webhook delivery of the notification outbox: at least once, oldest first, signed, with exponential
      backoff per notification. A receiver deduplicates on `X-Kompetens-Delivery`.
    The same passes run once from the CLI (`kompetens-server sweep`) for cron-driven installations. */
class sweeper
{
    storage::database& db_;
    core::clock const& clock_;
    sweeper_settings settings_;
    std::mutex m_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;

public:
    sweeper(storage::database& db, core::clock const& clock, sweeper_settings s);
    ~sweeper();
    sweeper(sweeper const&) = delete;
    sweeper& operator=(sweeper const&) = delete;

    void start();
    void stop();

    /** One pass of the engine over every organisation; returns how many people it recomputed. */
    int sweep_once();
    /** One round of webhook deliveries; returns how many were delivered. */
    int deliver_once();

private:
    void loop();
};

} // namespace kompetens::app
