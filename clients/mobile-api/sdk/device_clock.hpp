#pragma once
#include <cstdint>
#include <string>

namespace kompetens::mobile {

/** The three clocks a phone has. The wall clock is the user's to change; the monotonic clock only moves
    forward and restarts at boot, which the boot id tells apart. Leases are judged by server time plus
    monotonic time (PROTOCOL.md §5, "Leases"), never by the wall clock. Injected so that tests can set the
    wall clock back, let hours pass or reboot the phone. */
class device_clock
{
public:
    virtual ~device_clock() = default;
    virtual std::int64_t wall_ms() const = 0;
    virtual std::int64_t monotonic_ms() const = 0;
    virtual std::string boot_id() const = 0;
};

/** The real clocks: the system clock, CLOCK_BOOTTIME (it keeps counting while the phone sleeps) and the
    kernel's boot id. */
class system_device_clock final : public device_clock
{
public:
    std::int64_t wall_ms() const override;
    std::int64_t monotonic_ms() const override;
    std::string boot_id() const override;
};

/** Clocks that tests move by hand. */
class manual_device_clock final : public device_clock
{
public:
    std::int64_t wall = 0;
    std::int64_t monotonic = 0;
    std::string boot = "boot-1";

    std::int64_t wall_ms() const override { return wall; }
    std::int64_t monotonic_ms() const override { return monotonic; }
    std::string boot_id() const override { return boot; }
    /** Time passes: both clocks move. */
    void pass(std::int64_t ms)
    {
        wall += ms;
        monotonic += ms;
    }
};

} // namespace kompetens::mobile
