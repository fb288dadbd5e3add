#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kompetens::core {

/** Calendar dates are ISO `YYYY-MM-DD` text on the wire and in the database (DESIGN.md, Time). This parses
    strictly: exactly ten characters and a day that exists (2025-02-29 is refused). */
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text) noexcept;

std::string format_iso_date(std::chrono::year_month_day d);

/** The calendar date in Europe/Stockholm at instant `now` (UTC epoch ms), as YYYY-MM-DD. Every "today" of
    the product is this one day arithmetic, from the system's tz database (tzdata), so summer time and the
    change days are right. */
std::string stockholm_today(long long now);

/** The instant (UTC epoch ms) at which `day` begins in Europe/Stockholm: local midnight. A date-bounded
    validity "through D" ends at `stockholm_day_start(D + 1 day)`, whatever the length of that day
    (23 hours in March, 25 in October). */
long long stockholm_day_start(std::chrono::year_month_day day);

/** Adds whole calendar months, clamping to the end of a shorter month (2024-01-31 + 1 month = 2024-02-29;
    2024-02-29 + 12 months = 2025-02-28). */
std::chrono::year_month_day add_months(std::chrono::year_month_day d, int months);

} // namespace kompetens::core
