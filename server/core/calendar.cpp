#include "server/core/calendar.hpp"

#include <cstdio>

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

std::string stockholm_today(long long now)
{
    auto const days = std::chrono::floor<std::chrono::days>(std::chrono::sys_time<std::chrono::milliseconds>{
        std::chrono::milliseconds{now + 3'600'000}});
    return format_iso_date(std::chrono::year_month_day{days});
}

} // namespace kompetens::core
