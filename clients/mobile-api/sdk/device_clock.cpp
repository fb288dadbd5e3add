#include "clients/mobile-api/sdk/device_clock.hpp"

#include <chrono>
#include <ctime>
#include <fstream>

namespace kompetens::mobile {

std::int64_t system_device_clock::wall_ms() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch()
    )
        .count();
}

std::int64_t system_device_clock::monotonic_ms() const
{
    timespec ts{};
    ::clock_gettime(CLOCK_BOOTTIME, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

std::string system_device_clock::boot_id() const
{
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string id;
    std::getline(in, id);
    return id.empty() ? "unknown" : id; // unknown: a missing boot id is still one boot to compare with
}

} // namespace kompetens::mobile
