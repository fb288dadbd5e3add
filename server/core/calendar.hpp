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

/** Today's date in Europe/Stockholm at instant `now` (UTC epoch ms), as YYYY-MM-DD. Until the tz database
    comes in with the delegation rules it applies the winter offset (UTC+1) all year: in summer it turns
    the date one hour late, at 01:00 instead of 00:00, which errs towards "still valid" by at most an hour
    for date filters and never touches delegation validity. */
std::string stockholm_today(long long now);

} // namespace kompetens::core
