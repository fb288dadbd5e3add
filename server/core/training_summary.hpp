#pragma once
#include "server/core/training.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** One count from the status table: people in `unit_id` (empty: the whole organisation, each person
    once however many units they work in) held to `course_id`, in `state`, of `gender` (empty when not
    recorded). */
struct status_count
{
    std::string unit_id;
    std::string course_id;
    std::string state;
    std::string gender;
    int people = 0;
};

/** A cell of the organisation summary: one unit (or "" for the whole organisation) and one course. */
struct summary_cell
{
    std::string unit_id; // empty: all units
    std::string course_id;
    int people = 0;
    std::optional<int> compliant; // valid or expiring; absent when suppressed
    std::map<std::string, std::optional<int>> compliant_by_gender; // female, male, other, unrecorded
    bool suppressed = false;
};

/** Groups smaller than this are never shown by count, so that no one can be singled out. */
inline constexpr int smallest_shown_group = 5;

/** Folds counts into cells per unit (or organisation) and course; suppresses every count whose group has
    fewer than `smallest_shown_group` people. Pure. */
std::vector<summary_cell> summarise(std::vector<status_count> const& counts);

} // namespace kompetens::core
