#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** A person employed (now or before) by one organisation. Names and birth date are personal data: they
    appear in responses to those allowed to see them and never in logs. The birth date is restricted
    (HR and the person only) because it reveals age; it drives retirement planning. Gender is optional
    and used only for gender-disaggregated statistics. No personnummer is stored. */
struct employee
{
    std::string id;
    std::string organisation_id;
    std::string given_name;
    std::string family_name;
    std::optional<std::string> birth_date;   // YYYY-MM-DD
    std::optional<std::string> gender;       // female | male | other
    std::optional<std::string> external_ref; // the id in the employer's HR system
    millis created_at = 0;
    int version = 1;
    // The undersköterska title as stored (joined on read) and as it counts on the day of the read: every
    // view that shows a person shows the title only when `may_use_title` (research/domain.md §8.3, 12).
    std::string title_status = "none";
    bool title_transitional = false;
    bool may_use_title = false;
};

std::optional<failure> validate(employee const& e);

} // namespace kompetens::core
