#include "server/core/placement.hpp"

#include "server/core/calendar.hpp"
#include "server/core/ids.hpp"
#include "server/core/special_role.hpp"

#include <algorithm>
#include <array>

namespace kompetens::core {

namespace {

template <std::size_t N> bool one_of(std::array<std::string_view, N> const& list, std::string_view v)
{
    return std::find(list.begin(), list.end(), v) != list.end();
}

constexpr std::array<std::string_view, 4> provider_kinds{
    "upper_secondary", "adult_education", "higher_vocational", "other"};
constexpr std::array<std::string_view, 6> programme_forms{
    "apl", "adult_vocational", "lia", "apprenticeship", "validation", "internship"};
// The areas of a handledare's bedömningsunderlag in care work, kept short enough for a phone.
constexpr std::array<std::string_view, 8> note_areas{
    "workplace_introduction",
    "hygiene_routines",
    "care_tasks",
    "communication",
    "documentation",
    "safety",
    "teamwork",
    "professional_approach"};
constexpr std::array<std::string_view, 4> progress_scale{
    "not_yet", "introduced", "with_support", "independently"};

std::optional<failure> name_fault(std::string const& field, std::string const& v)
{
    if (v.empty() || v.size() > 100)
        return invalid(field, "must be 1-100 characters");
    return std::nullopt;
}

} // namespace

bool is_provider_kind(std::string_view k) noexcept
{
    return one_of(provider_kinds, k);
}
bool is_programme_form(std::string_view f) noexcept
{
    return one_of(programme_forms, f);
}
bool is_note_area(std::string_view a) noexcept
{
    return one_of(note_areas, a);
}
bool is_note_progress(std::string_view p) noexcept
{
    return one_of(progress_scale, p);
}

int required_supervisor_step(std::string_view form) noexcept
{
    return form == "apprenticeship" || form == "validation" ? 2 : 1;
}

std::vector<std::string> supervisor_missing(
    placement_policy const& policy,
    std::vector<training_record> const& records,
    int step,
    std::string const& day
)
{
    std::vector<std::string> out;
    special_role_rule courses; // the same "latest attested record, valid on the day" as a special role
    for (int s = 1; s <= step && s <= 3; ++s)
    {
        auto const& list = policy.step_courses[static_cast<std::size_t>(s - 1)];
        if (list.empty())
            out.push_back("step:" + std::to_string(s));
        courses.course_ids.insert(courses.course_ids.end(), list.begin(), list.end());
    }
    qualification_facts facts;
    facts.records = records;
    for (auto& m : missing_for(courses, facts, day))
        out.push_back(std::move(m));
    return out;
}

bool may_move(std::string_view from, std::string_view to) noexcept
{
    if (to == "cancelled")
        return from == "requested" || from == "confirmed" || from == "ongoing";
    return (from == "requested" && to == "confirmed") || (from == "confirmed" && to == "ongoing") ||
           (from == "ongoing" && to == "completed");
}

int peak_overlap(std::vector<date_span> const& others, date_span const& span)
{
    // The most intervals overlap at some interval's first day, so those days (and the span's own first)
    // are the only ones to count at.
    std::vector<std::string> days{span.from};
    for (auto const& o : others)
        if (o.from > span.from && o.from <= span.to)
            days.push_back(o.from);
    int peak = 0;
    for (auto const& d : days)
    {
        int n = 0;
        for (auto const& o : others)
            if (o.from <= d && d <= o.to)
                ++n;
        peak = std::max(peak, n);
    }
    return peak;
}

std::optional<failure> validate(learner const& l)
{
    if (auto f = name_fault("/given_name", l.given_name))
        return f;
    if (auto f = name_fault("/family_name", l.family_name))
        return f;
    if (!is_uuid(l.programme_id))
        return invalid("/programme_id", "must be a programme id");
    return std::nullopt;
}

std::optional<failure> validate(placement const& p)
{
    if (!is_uuid(p.learner_id))
        return invalid("/learner_id", "must be a learner id");
    if (!is_uuid(p.unit_id))
        return invalid("/unit_id", "must be a unit id");
    auto const from = parse_iso_date(p.starts_on);
    if (!from)
        return invalid("/starts_on", "must be a date YYYY-MM-DD");
    auto const to = parse_iso_date(p.ends_on);
    if (!to)
        return invalid("/ends_on", "must be a date YYYY-MM-DD");
    if (p.ends_on < p.starts_on)
        return invalid("/ends_on", "must not be before starts_on");
    if (add_months(*from, 36) < *to)
        return invalid("/ends_on", "a placement lasts at most three years");
    if (p.required_hours && (*p.required_hours < 1 || *p.required_hours > 5000))
        return invalid("/required_hours", "must be 1-5000");
    if (p.required_weeks && (*p.required_weeks < 1 || *p.required_weeks > 156))
        return invalid("/required_weeks", "must be 1-156");
    if (p.supervisor_id && !is_uuid(*p.supervisor_id))
        return invalid("/supervisor_id", "must be an employee id");
    if (p.employment_id && !is_uuid(*p.employment_id))
        return invalid("/employment_id", "must be an employment id");
    if (p.meeting_planned_on && !parse_iso_date(*p.meeting_planned_on))
        return invalid("/meeting_planned_on", "must be a date YYYY-MM-DD");
    return std::nullopt;
}

std::optional<failure> validate(placement_policy const& p)
{
    for (std::size_t s = 0; s < p.step_courses.size(); ++s)
    {
        if (p.step_courses[s].size() > 10)
            return invalid("/steps/" + std::to_string(s) + "/course_ids", "at most 10 courses");
        for (std::size_t i = 0; i < p.step_courses[s].size(); ++i)
            if (!is_uuid(p.step_courses[s][i]))
                return invalid(
                    "/steps/" + std::to_string(s) + "/course_ids/" + std::to_string(i), "must be a course id"
                );
    }
    if (p.default_supervisor_capacity < 0 || p.default_supervisor_capacity > 10)
        return invalid("/default_supervisor_capacity", "must be 0-10");
    if (p.default_mentor_capacity < 0 || p.default_mentor_capacity > 20)
        return invalid("/default_mentor_capacity", "must be 0-20");
    return std::nullopt;
}

} // namespace kompetens::core
