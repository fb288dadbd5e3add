#include "server/core/legitimation.hpp"

#include "server/core/calendar.hpp"

#include <algorithm>
#include <array>

namespace kompetens::core {

namespace {
constexpr std::array<std::string_view, 3> licensed{
    "registered_nurse", "occupational_therapist", "physiotherapist"};
}

bool is_licensed_profession(std::string_view p) noexcept
{
    return std::find(licensed.begin(), licensed.end(), p) != licensed.end();
}

std::optional<failure> validate(legitimation const& l, std::string const& today)
{
    if (!is_licensed_profession(l.profession))
        return invalid(
            "/profession", "must be one of registered_nurse, occupational_therapist, physiotherapist"
        );
    if (l.registry_ref.empty() || l.registry_ref.size() > 40)
        return invalid("/registry_ref", "is required and at most 40 characters");
    if (std::any_of(l.registry_ref.begin(), l.registry_ref.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20;
        }))
        return invalid("/registry_ref", "contains control characters");
    if (!parse_iso_date(l.verified_on))
        return invalid("/verified_on", "must be a date YYYY-MM-DD");
    // ISO dates compare as text.
    if (l.verified_on > today)
        return invalid("/verified_on", "lies in the future");
    return std::nullopt;
}

} // namespace kompetens::core
