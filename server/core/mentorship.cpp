#include "server/core/mentorship.hpp"

#include "server/core/calendar.hpp"
#include "server/core/ids.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace kompetens::core {

namespace {

constexpr std::array<std::string_view, 5> programme_kinds{
    "new_employee", "apl", "language", "leadership", "senior_knowledge_transfer"};
constexpr std::array<std::string_view, 9> meeting_topics{
    "introduction",
    "routines",
    "care_work",
    "documentation",
    "language",
    "workplace_culture",
    "career",
    "knowledge_transfer",
    "wellbeing"};

} // namespace

bool is_programme_kind(std::string_view k) noexcept
{
    return std::find(programme_kinds.begin(), programme_kinds.end(), k) != programme_kinds.end();
}

bool is_meeting_topic(std::string_view t) noexcept
{
    return std::find(meeting_topics.begin(), meeting_topics.end(), t) != meeting_topics.end();
}

std::optional<failure> validate(mentorship_programme const& p)
{
    if (p.name.empty() || p.name.size() > 200)
        return invalid("/name", "must be 1-200 characters");
    if (!is_programme_kind(p.kind))
        return invalid(
            "/kind", "must be new_employee, apl, language, leadership or senior_knowledge_transfer"
        );
    if (p.course_ids.size() > 10)
        return invalid("/course_ids", "at most 10 courses");
    for (std::size_t i = 0; i < p.course_ids.size(); ++i)
        if (!is_uuid(p.course_ids[i]))
            return invalid("/course_ids/" + std::to_string(i), "must be a course id");
    return std::nullopt;
}

std::optional<failure> validate(mentorship const& m)
{
    if (!is_uuid(m.programme_id))
        return invalid("/programme_id", "must be a programme id");
    if (!is_uuid(m.mentor_id))
        return invalid("/mentor_id", "must be an employee id");
    if (!is_uuid(m.mentee_id))
        return invalid("/mentee_id", "must be an employee id");
    if (m.mentor_id == m.mentee_id)
        return invalid("/mentee_id", "a mentor cannot mentor themselves");
    auto const from = parse_iso_date(m.starts_on);
    if (!from)
        return invalid("/starts_on", "must be a date YYYY-MM-DD");
    auto const to = parse_iso_date(m.ends_on);
    if (!to || m.ends_on < m.starts_on)
        return invalid("/ends_on", "must be a date YYYY-MM-DD, not before starts_on");
    if (add_months(*from, 24) < *to)
        return invalid("/ends_on", "a mentorship lasts at most two years");
    return std::nullopt;
}

std::optional<failure> validate(mentorship_meeting const& m, mentorship const& of, std::string const& today)
{
    if (!parse_iso_date(m.met_on) || m.met_on < of.starts_on || m.met_on > of.ends_on || m.met_on > today)
        return invalid("/met_on", "must be a day of the mentorship up to today");
    if (m.topics.empty() || m.topics.size() > 9)
        return invalid("/topics", "name 1-9 topics");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < m.topics.size(); ++i)
        if (!is_meeting_topic(m.topics[i]) || !seen.insert(m.topics[i]).second)
            return invalid("/topics/" + std::to_string(i), "must be a topic of the fixed list, named once");
    return std::nullopt;
}

} // namespace kompetens::core
