#include "server/core/reminders.hpp"

#include "server/core/calendar.hpp"

namespace kompetens::core {

int days_between(std::string const& from, std::string const& to)
{
    auto const a = parse_iso_date(from);
    auto const b = parse_iso_date(to);
    if (!a || !b)
        return 0;
    return static_cast<int>((std::chrono::sys_days{*b} - std::chrono::sys_days{*a}).count());
}

std::optional<reminder> training_reminder(requirement_status const& s, std::string const& today)
{
    auto const subject = s.employee_id + ":" + s.course_id + ":";
    switch (s.state)
    {
    case requirement_state::missing:
    case requirement_state::assigned:
    case requirement_state::in_progress:
    {
        if (!s.due_date)
            return std::nullopt;
        int const left = days_between(today, *s.due_date);
        char const* kind = left < 0     ? "training.overdue"
                           : left <= 3  ? "training.due_3"
                           : left <= 14 ? "training.due_14"
                           : left <= 30 ? "training.due_30"
                                        : nullptr;
        if (!kind)
            return std::nullopt;
        return reminder{kind, s.due_date, std::string(kind) + ":" + subject + *s.due_date};
    }
    case requirement_state::expiring:
    case requirement_state::expired:
    {
        if (!s.valid_until)
            return std::nullopt;
        std::string const kind =
            s.state == requirement_state::expiring ? "training.expiring" : "training.expired";
        return reminder{kind, s.valid_until, kind + ":" + subject + *s.valid_until};
    }
    default:
        return std::nullopt;
    }
}

} // namespace kompetens::core
