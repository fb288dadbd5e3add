#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kompetens::core {

/** One measure of a senior plan: what, from when, to when, and for reduced hours the extent. */
struct senior_measure
{
    std::string kind; // reduced_hours | fewer_nights | mentor_role | knowledge_transfer | other
    std::optional<std::string> from_date;
    std::optional<std::string> to_date;
    std::optional<int> fte_per_mille; // reduced_hours: the new extent, 1000 = full time
};

/** A senior employee's plan for the last working years (research/domain.md §8.1 item 13): what the person
    wishes, what was agreed with HR, when they plan to leave, and when it is reviewed. The person and HR
    only: it reveals age and plans that a manager learns through HR. One plan per person. */
struct senior_plan
{
    std::string organisation_id;
    std::string employee_id;
    std::vector<senior_measure> wishes;         // the person's own wishes
    std::vector<senior_measure> agreed;         // agreed with HR
    std::optional<std::string> planned_exit_on; // YYYY-MM-DD: the person's planned last day
    std::optional<std::string> review_on;       // YYYY-MM-DD
    millis updated_at = 0;
    std::string updated_by;
    int version = 0; // 0: no plan yet
};

bool is_senior_measure(std::string_view kind) noexcept;

/** Checks the fields; the first fault with its JSON pointer. */
std::optional<failure> validate(senior_plan const& p, std::string const& today);

} // namespace kompetens::core
