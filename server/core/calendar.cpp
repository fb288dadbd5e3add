#include "server/core/calendar.hpp"

#include <cstdio>
#include <date/tz.h>

namespace kompetens::core {

namespace {
bool digits(std::string_view t, std::size_t from, std::size_t n, int& out)
{
    out = 0;
    for (std::size_t i = from; i < from + n; ++i)
    {
        if (t[i] < '0' || t[i] > '9')
            return false;
        out = out * 10 + (t[i] - '0');
    }
    return true;
}
} // namespace

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view t) noexcept
{
    if (t.size() != 10 || t[4] != '-' || t[7] != '-')
        return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!digits(t, 0, 4, y) || !digits(t, 5, 2, m) || !digits(t, 8, 2, d))
        return std::nullopt;
    std::chrono::year_month_day ymd{
        std::chrono::year{y},
        std::chrono::month{static_cast<unsigned>(m)},
        std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || y < 1900)
        return std::nullopt;
    return ymd;
}

std::string format_iso_date(std::chrono::year_month_day d)
{
    char buf[16];
    std::snprintf(
        buf,
        sizeof buf,
        "%04d-%02u-%02u",
        static_cast<int>(d.year()),
        static_cast<unsigned>(d.month()),
        static_cast<unsigned>(d.day())
    );
    return buf;
}

namespace {
date::time_zone const* stockholm()
{
    // Located once: the tz database is read from /usr/share/zoneinfo on first use and cached.
    static date::time_zone const* const zone = date::locate_zone("Europe/Stockholm");
    return zone;
}
} // namespace

std::string stockholm_today(long long now)
{
    auto const instant = date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{now}};
    auto const local = stockholm()->to_local(instant);
    auto const day = std::chrono::floor<std::chrono::days>(local.time_since_epoch());
    return format_iso_date(std::chrono::year_month_day{std::chrono::sys_days{day}});
}

long long stockholm_day_start(std::chrono::year_month_day day)
{
    auto const local_midnight = date::local_days{std::chrono::sys_days{day}.time_since_epoch()};
    // Midnight always exists in Stockholm (the clocks change at 02:00 and 03:00), so `earliest` never
    // has to choose; it is named for the zones where it would.
    auto const instant = stockholm()->to_sys(local_midnight, date::choose::earliest);
    return std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
}

std::chrono::year_month_day add_months(std::chrono::year_month_day d, int months)
{
    auto ym = std::chrono::year_month{d.year(), d.month()} + std::chrono::months{months};
    auto const last =
        std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    return {ym.year(), ym.month(), d.day() > last ? last : d.day()};
}

} // namespace kompetens::core
