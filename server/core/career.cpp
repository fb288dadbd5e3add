#include "server/core/career.hpp"

#include "server/core/calendar.hpp"

#include <chrono>

namespace kompetens::core {

using namespace std::chrono;

int las_age_in_force(std::string_view day) noexcept
{
    // ISO dates compare as text.
    if (day < "2020-01-01")
        return 67;
    if (day < "2023-01-01")
        return 68;
    return 69;
}

std::string birthday(std::string const& birth_date, int age)
{
    auto const born = parse_iso_date(birth_date);
    if (!born)
        return "";
    // add_months clamps 29 February to the 28th in a common year, as the law counts.
    return format_iso_date(add_months(*born, age * 12));
}

std::optional<std::string> las_date(std::string const& birth_date)
{
    if (!parse_iso_date(birth_date))
        return std::nullopt;
    for (int age = 67; age < 69; ++age)
    {
        auto const day = birthday(birth_date, age);
        if (las_age_in_force(day) <= age)
        {
            auto const d = *parse_iso_date(day);
            return format_iso_date(year_month_day{d.year() / d.month() / last});
        }
    }
    auto const d = *parse_iso_date(birthday(birth_date, 69));
    return format_iso_date(year_month_day{d.year() / d.month() / last});
}

int target_retirement_age(int birth_year) noexcept
{
    if (birth_year < 1958)
        return 65;
    if (birth_year == 1958)
        return 66;
    return 67;
}

std::optional<std::string> target_retirement_date(std::string const& birth_date)
{
    auto const born = parse_iso_date(birth_date);
    if (!born)
        return std::nullopt;
    return birthday(birth_date, target_retirement_age(static_cast<int>(born->year())));
}

} // namespace kompetens::core
