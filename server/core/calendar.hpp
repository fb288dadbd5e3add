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

} // namespace kompetens::core
