#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** An organisational unit (enhet): a tree inside one organisation. `kind` says what care it gives. */
struct unit
{
    std::string id;
    std::string organisation_id;
    std::optional<std::string> parent_id;
    std::string name;
    std::string kind; // home_care | residential | disability_support | health_care | other
    millis created_at = 0;
    int version = 1;
};

std::optional<failure> validate(unit const& u);

bool is_unit_kind(std::string_view k) noexcept;

} // namespace kompetens::core
