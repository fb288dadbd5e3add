#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kompetens::core {

/** Where a person stands with the protected title undersköterska (research/domain.md §2.2, §8.2):
    none → certificate_applied → granted | rejected; transitional_right (permanent employment with the
    title on 2023-07-01, shown by evidence) counts through 2033-06-30 and then as none. */
struct title_status
{
    std::string organisation_id;
    std::string employee_id;
    std::string status = "none"; // none | transitional_right | certificate_applied | granted | rejected
    std::string evidence;        // what the status rests on: the certificate's reference, an employer's intyg
    std::string transitional_evidence; // non-empty: the person has the transitional right (kept on applying)
    std::optional<std::string> decided_on; // YYYY-MM-DD
    millis updated_at = 0;
    std::string updated_by;
    int version = 0; // 0: never set
};

/** The last day the transitional right counts. */
inline constexpr std::string_view transitional_right_ends = "2033-06-30";

bool is_title_status(std::string_view s) noexcept;

/** The status as it counts on `day` (YYYY-MM-DD): a transitional right after its end counts as none. */
bool has_transitional_right(title_status const& t, std::string const& day);

std::string effective_title_status(title_status const& t, std::string const& day);

/** Whether the person may use the title (and hold roles that require it, such as care contact) on `day`. */
bool may_use_title(title_status const& t, std::string const& day);
/** The same from the stored status and whether the transitional right was recorded. */
bool may_use_title(std::string_view status, bool transitional_right, std::string const& day);

/** Checks a change from `from` to `to` made on `day`; nothing when allowed. */
std::optional<failure>
check_title_change(title_status const& from, title_status const& to, std::string const& day);

} // namespace kompetens::core
