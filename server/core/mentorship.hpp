#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kompetens::core {

/** A mentorship programme (Favo-style mentoring of new employees, APL, language, leadership, a senior's
    knowledge transfer) and the courses a mentor in it must hold. */
struct mentorship_programme
{
    std::string id;
    std::string organisation_id;
    std::string name;
    std::string kind; // new_employee | apl | language | leadership | senior_knowledge_transfer
    std::vector<std::string> course_ids;
    millis created_at = 0;
    int version = 1;
};

/** A mentor and a mentee in a programme for a period. Active ones inside their period count against the
    mentor's capacity. */
struct mentorship
{
    std::string id;
    std::string organisation_id;
    std::string programme_id;
    std::string mentor_id;
    std::string mentee_id;
    std::string starts_on;
    std::string ends_on;
    std::string status = "active"; // active | ended
    millis created_at = 0;
    std::string created_by;
    std::optional<millis> ended_at;
    int version = 1;
};

/** One meeting: a date and topics from a fixed list, nothing free-text (research/domain.md §8.1, 12). */
struct mentorship_meeting
{
    std::string id; // chosen by the device that records it
    std::string organisation_id;
    std::string mentorship_id;
    std::string met_on;
    std::vector<std::string> topics;
    std::string recorded_by; // employee id
    millis recorded_at = 0;
};

bool is_programme_kind(std::string_view k) noexcept;
bool is_meeting_topic(std::string_view t) noexcept;

std::optional<failure> validate(mentorship_programme const& p);
std::optional<failure> validate(mentorship const& m);
/** Checks the date and topics of a meeting against its mentorship (its period, up to `today`). */
std::optional<failure> validate(mentorship_meeting const& m, mentorship const& of, std::string const& today);

} // namespace kompetens::core
