#include "server/core/senior_plan.hpp"

#include "server/core/calendar.hpp"

#include <algorithm>
#include <array>

namespace kompetens::core {

namespace {

std::optional<failure> check(std::vector<senior_measure> const& list, std::string const& at)
{
    if (list.size() > 10)
        return invalid(at, "at most 10 measures");
    for (std::size_t i = 0; i < list.size(); ++i)
    {
        auto const field = at + "/" + std::to_string(i);
        auto const& m = list[i];
        if (!is_senior_measure(m.kind))
            return invalid(
                field + "/kind",
                "must be reduced_hours, fewer_nights, mentor_role, knowledge_transfer or other"
            );
        if (m.from_date && !parse_iso_date(*m.from_date))
            return invalid(field + "/from_date", "must be a date YYYY-MM-DD");
        if (m.to_date && !parse_iso_date(*m.to_date))
            return invalid(field + "/to_date", "must be a date YYYY-MM-DD");
        if (m.from_date && m.to_date && *m.to_date < *m.from_date)
            return invalid(field + "/to_date", "cannot be before from_date");
        if (m.kind == "reduced_hours" &&
            (!m.fte_per_mille || *m.fte_per_mille < 100 || *m.fte_per_mille >= 1000))
            return invalid(field + "/fte", "reduced hours need the new extent, 0.1 up to (not including) 1");
        if (m.kind != "reduced_hours" && m.fte_per_mille)
            return invalid(field + "/fte", "only reduced hours have an extent");
    }
    return std::nullopt;
}

} // namespace

bool is_senior_measure(std::string_view kind) noexcept
{
    static constexpr std::array<std::string_view, 5> all{
        "reduced_hours", "fewer_nights", "mentor_role", "knowledge_transfer", "other"};
    return std::find(all.begin(), all.end(), kind) != all.end();
}

std::optional<failure> validate(senior_plan const& p, std::string const& today)
{
    if (auto f = check(p.wishes, "/wishes"))
        return f;
    if (auto f = check(p.agreed, "/agreed"))
        return f;
    if (p.planned_exit_on && !parse_iso_date(*p.planned_exit_on))
        return invalid("/planned_exit_on", "must be a date YYYY-MM-DD");
    if (p.review_on && !parse_iso_date(*p.review_on))
        return invalid("/review_on", "must be a date YYYY-MM-DD");
    if (p.review_on && *p.review_on < today)
        return invalid("/review_on", "cannot be in the past");
    return std::nullopt;
}

} // namespace kompetens::core
