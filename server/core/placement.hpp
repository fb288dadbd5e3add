#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"
#include "server/core/training.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kompetens::core {

/** A school or other education provider the organisation takes students from. */
struct education_provider
{
    std::string id;
    std::string organisation_id;
    std::string name;
    std::string kind; // upper_secondary | adult_education | higher_vocational | other
    millis created_at = 0;
};

/** A provider's programme; its form decides what a placement in it needs (apprenticeship: supervisor
    step 2 and an apprenticeship employment). */
struct education_programme
{
    std::string id;
    std::string organisation_id;
    std::string provider_id;
    std::string name;
    std::string form; // apl | adult_vocational | lia | apprenticeship | validation | internship
    millis created_at = 0;
};

/** A student: an external person with the least data that lets a supervisor know who comes. Hired
    later, the learner is linked to the employee record, never copied into a second person. */
struct learner
{
    std::string id;
    std::string organisation_id;
    std::string given_name;
    std::string family_name;
    std::string programme_id;
    std::optional<std::string> employee_id;
    millis created_at = 0;
    int version = 1;
};

/** A period of workplace-based learning in one unit under one supervisor. Status:
    requested → confirmed → ongoing → completed, and cancelled from any but completed. Only confirmed
    and ongoing placements take up a unit's and a supervisor's capacity. */
struct placement
{
    std::string id;
    std::string organisation_id;
    std::string learner_id;
    std::string programme_id;
    std::string form; // the programme's, copied so a placement keeps the rule it was confirmed under
    std::string unit_id;
    std::string starts_on; // YYYY-MM-DD
    std::string ends_on;   // YYYY-MM-DD, inclusive
    std::optional<int> required_hours;
    std::optional<int> required_weeks;
    std::optional<std::string> supervisor_id;
    std::optional<std::string> employment_id; // an apprentice's apprenticeship employment
    std::string status = "requested";
    std::optional<std::string> meeting_planned_on; // the tripartite meeting (teacher, supervisor, student)
    std::optional<std::string> meeting_held_on;
    millis created_at = 0;
    std::string created_by;
    millis updated_at = 0;
    int version = 1;
};

/** One observation by the supervisor: a fixed area and a point on a fixed scale of progress. The
    supervisor documents progress; the school grades (research/domain.md §3.2), so there is no grade
    and no free text. */
struct placement_note
{
    std::string id;
    std::string organisation_id;
    std::string placement_id;
    std::string written_on;
    std::string area;     // see is_note_area
    std::string progress; // not_yet | introduced | with_support | independently
    std::string author_id;
    millis created_at = 0;
};

struct placement_hours
{
    std::string placement_id;
    std::string worked_on;
    int minutes = 0;
    std::string recorded_by;
    millis recorded_at = 0;
};

/** The organisation's supervisor-training steps (VO-College steg 1–3: the courses that make each step)
    and its default capacities. */
struct placement_policy
{
    std::string organisation_id;
    std::vector<std::vector<std::string>> step_courses{{}, {}, {}}; // [0] = step 1
    int default_supervisor_capacity = 1;
    int default_mentor_capacity = 3;
    millis updated_at = 0;
    std::string updated_by;
    int version = 0; // 0: never changed
};

/** Inclusive date range. */
struct date_span
{
    std::string from;
    std::string to;
};

bool is_provider_kind(std::string_view k) noexcept;
bool is_programme_form(std::string_view f) noexcept;
bool is_note_area(std::string_view a) noexcept;
bool is_note_progress(std::string_view p) noexcept;

/** Step 2 for apprentices and validation (lärlings- and valideringshandledare), otherwise step 1
    (research/domain.md §8.3, 14). */
int required_supervisor_step(std::string_view form) noexcept;

/** What the supervisor lacks for `step` on `day`: `course:<id>` for each course of steps 1..step not held,
    or `step:<n>` when the organisation has not named any course for a step, so nobody can hold it. */
std::vector<std::string> supervisor_missing(
    placement_policy const& policy,
    std::vector<training_record> const& records,
    int step,
    std::string const& day
);

/** Whether `from` may move to `to`. */
bool may_move(std::string_view from, std::string_view to) noexcept;

/** The most of `others` that cover any one day of `span`. */
int peak_overlap(std::vector<date_span> const& others, date_span const& span);

std::optional<failure> validate(learner const& l);
std::optional<failure> validate(placement const& p);
std::optional<failure> validate(placement_policy const& p);

} // namespace kompetens::core
