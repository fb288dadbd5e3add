#include "server/core/calendar.hpp"

#include <catch2/catch.hpp>

using kompetens::core::format_iso_date;
using kompetens::core::parse_iso_date;

TEST_CASE("calendar dates parse strictly as YYYY-MM-DD", "[unit][calendar]")
{
    CHECK(parse_iso_date("2026-11-23"));
    CHECK(parse_iso_date("2024-02-29")); // leap day
    CHECK_FALSE(parse_iso_date("2025-02-29"));
    CHECK_FALSE(parse_iso_date("2026-13-01"));
    CHECK_FALSE(parse_iso_date("2026-1-01"));
    CHECK_FALSE(parse_iso_date("2026-01-01T00:00"));
    CHECK_FALSE(parse_iso_date("26-01-2026"));
    CHECK_FALSE(parse_iso_date("2026-0a-01"));
    CHECK_FALSE(parse_iso_date(""));
    CHECK_FALSE(parse_iso_date("1899-12-31")); // nobody in the register was born before 1900
}

TEST_CASE("a parsed date formats back to the same text", "[unit][calendar]")
{
    for (auto const* text : {"2026-01-01", "2033-06-30", "2000-02-29", "1958-12-31"})
        CHECK(format_iso_date(*parse_iso_date(text)) == text);
}

namespace {
long long utc_ms(int y, unsigned m, unsigned d, int h, int min = 0)
{
    using namespace std::chrono;
    auto const t = sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
    return duration_cast<milliseconds>(t.time_since_epoch()).count();
}
} // namespace

TEST_CASE("today in Stockholm follows summer time from the tz database", "[unit][calendar]")
{
    using kompetens::core::stockholm_today;
    // Winter, UTC+1: the date turns at 23:00 UTC.
    CHECK(stockholm_today(utc_ms(2026, 12, 31, 22, 59)) == "2026-12-31");
    CHECK(stockholm_today(utc_ms(2026, 12, 31, 23, 0)) == "2027-01-01");
    // Summer, UTC+2: the date turns at 22:00 UTC.
    CHECK(stockholm_today(utc_ms(2026, 6, 30, 21, 59)) == "2026-06-30");
    CHECK(stockholm_today(utc_ms(2026, 6, 30, 22, 0)) == "2026-07-01");
}

TEST_CASE("a Stockholm day lasts 23 hours in March and 25 in October", "[unit][calendar]")
{
    using kompetens::core::stockholm_day_start;
    auto const start = [](char const* d) { return stockholm_day_start(*parse_iso_date(d)); };
    constexpr long long hour = 3'600'000;
    CHECK(start("2026-03-29") == utc_ms(2026, 3, 28, 23));
    CHECK(start("2026-03-30") - start("2026-03-29") == 23 * hour);
    CHECK(start("2026-10-25") == utc_ms(2026, 10, 24, 22));
    CHECK(start("2026-10-26") - start("2026-10-25") == 25 * hour);
    CHECK(start("2024-03-01") - start("2024-02-29") == 24 * hour);
}

TEST_CASE("adding months clamps to the end of a shorter month", "[unit][calendar]")
{
    using kompetens::core::add_months;
    auto const plus = [](char const* d, int m) { return format_iso_date(add_months(*parse_iso_date(d), m)); };
    CHECK(plus("2024-01-31", 1) == "2024-02-29");
    CHECK(plus("2024-02-29", 12) == "2025-02-28");
    CHECK(plus("2026-11-23", 12) == "2027-11-23");
    CHECK(plus("2026-08-31", 3) == "2026-11-30");
    CHECK(plus("2026-12-15", 1) == "2027-01-15");
}
