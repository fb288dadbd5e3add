#include "server/http/address_throttle.hpp"

#include <cmath>

namespace kompetens::http {

int address_throttle::take(std::string const& address, core::millis now)
{
    std::lock_guard lock(mutex_);
    if (buckets_.size() > 100'000)
    {
        // Drop full buckets: they carry no information beyond the default.
        for (auto it = buckets_.begin(); it != buckets_.end();)
        {
            double const refilled =
                it->second.tokens + static_cast<double>(now - it->second.at) * per_minute_ / 60'000.0;
            it = refilled >= burst_ ? buckets_.erase(it) : std::next(it);
        }
    }
    auto [it, fresh] = buckets_.try_emplace(address, bucket{burst_, now});
    auto& b = it->second;
    if (!fresh)
    {
        b.tokens = std::min(burst_, b.tokens + static_cast<double>(now - b.at) * per_minute_ / 60'000.0);
        b.at = now;
    }
    if (b.tokens >= 1.0)
    {
        b.tokens -= 1.0;
        return 0;
    }
    return static_cast<int>(std::ceil((1.0 - b.tokens) * 60.0 / per_minute_));
}

} // namespace kompetens::http
