#pragma once
#include "server/core/clock.hpp"

#include <mutex>
#include <string>
#include <unordered_map>

namespace kompetens::http {

/** Login attempts per source address: a token bucket of `burst` attempts refilled at `per_minute`.
    Thread-safe; in memory, so each server process counts its own (the per-account lockout lives in the
    database and holds across processes). Forgets idle addresses so it cannot grow without bound. */
class address_throttle
{
    struct bucket
    {
        double tokens;
        core::millis at;
    };
    std::mutex mutex_;
    std::unordered_map<std::string, bucket> buckets_;
    double per_minute_;
    double burst_;

public:
    explicit address_throttle(double per_minute = 20, double burst = 20)
        : per_minute_(per_minute), burst_(burst)
    {
    }

    /** Takes one attempt; returns 0 when allowed, else the seconds until the next one is. */
    int take(std::string const& address, core::millis now);
};

} // namespace kompetens::http
