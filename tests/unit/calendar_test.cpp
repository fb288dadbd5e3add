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
