#include "server/core/workforce_projection.hpp"

#include "server/core/calendar.hpp"
#include "server/core/career.hpp"
#include "server/core/title.hpp"

#include <algorithm>
#include <charconv>
#include <map>

namespace kompetens::core {

namespace {

int age_for(std::vector<target_age_rule> const& rules, int born)
{
    int age = rules.front().age;
    for (auto const& r : rules)
        if (born >= r.born_from)
            age = r.age;
    return age;
}

/** round(a × b / c), halves up, for non-negative values. */
int scaled(long long a, long long b, long long c)
{
    return c == 0 ? 0 : static_cast<int>((2 * a * b + c) / (2 * c));
}

/** Today's headcount grown by `per_mille` a year, `k` times, rounded half up at each step so a person
    can follow it by hand. */
int grown(int headcount, int per_mille, int k)
{
    long long n = headcount;
    for (int i = 0; i < k; ++i)
        n = (n * (1000 + per_mille) * 2 + 1000) / 2000;
    return static_cast<int>(n);
}

struct counts
{
    int title = 0;
    int delegation = 0;
    int language = 0;
    int supervisors = 0;
};

projection_group project_group(
    std::vector<projection_person const*> const& people, projection_assumptions const& a, int first_year
)
{
    projection_group g;
    g.headcount = static_cast<int>(people.size());
    std::vector<std::optional<std::string>> exits;
    counts now;
    for (auto const* p : people)
    {
        if (!p->birth_date)
            ++g.unknown_age;
        exits.push_back(assumed_exit(*p, a));
        now.title += may_use_title(p->title_status, p->title_transitional, a.as_of) ? 1 : 0;
        now.delegation += p->delegation_ready ? 1 : 0;
        now.language += p->language_met ? 1 : 0;
        now.supervisors += p->supervisor ? 1 : 0;
    }
    int recruited_before = 0;
    for (int k = 0; k < a.years; ++k)
    {
        projection_year y;
        y.year = first_year + k;
        auto const end = std::to_string(y.year) + "-12-31";
        auto const start = std::to_string(y.year - 1) + "-12-31"; // exits after the previous year's end
        for (std::size_t i = 0; i < people.size(); ++i)
        {
            auto const& exit = exits[i];
            if (exit && *exit <= end)
            {
                // Anyone already past the assumed day leaves in the first year.
                if (k == 0 || *exit > start)
                    ++y.exits;
                continue;
            }
            auto const& p = *people[i];
            ++y.remaining;
            y.title_holders += may_use_title(p.title_status, p.title_transitional, end) ? 1 : 0;
            y.delegation_ready += p.delegation_ready ? 1 : 0;
            y.language_met += p.language_met ? 1 : 0;
            y.supervisors += p.supervisor ? 1 : 0;
            y.mentor_supply += p.mentor_capacity;
        }
        y.need = grown(g.headcount, a.demand_growth_per_mille, k);
        y.recruitment = std::max(0, y.need - y.remaining);
        auto gap = [&](int today, int holders) {
            return std::max(0, scaled(today, y.need, g.headcount) - holders);
        };
        y.title_gap = gap(now.title, y.title_holders);
        y.delegation_gap = gap(now.delegation, y.delegation_ready);
        y.language_gap = gap(now.language, y.language_met);
        y.supervisor_gap = gap(now.supervisors, y.supervisors);
        y.mentor_need = std::max(0, y.recruitment - recruited_before);
        recruited_before = std::max(recruited_before, y.recruitment);
        g.years.push_back(y);
    }
    return g;
}

} // namespace

std::vector<target_age_rule> default_target_ages()
{
    return {{0, 65}, {1958, 66}, {1959, 67}};
}

std::optional<std::vector<target_age_rule>> parse_target_ages(std::string_view text)
{
    std::vector<target_age_rule> out;
    while (!text.empty())
    {
        auto const comma = text.find(',');
        auto const item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        auto const colon = item.find(':');
        if (colon == std::string_view::npos)
            return std::nullopt;
        target_age_rule r;
        auto const y = item.substr(0, colon);
        auto const a = item.substr(colon + 1);
        if (std::from_chars(y.data(), y.data() + y.size(), r.born_from).ptr != y.data() + y.size() ||
            std::from_chars(a.data(), a.data() + a.size(), r.age).ptr != a.data() + a.size() || y.empty() ||
            a.empty())
            return std::nullopt;
        if (r.age < 55 || r.age > 75 || r.born_from < 0 || r.born_from > 2100 ||
            (!out.empty() && r.born_from <= out.back().born_from))
            return std::nullopt;
        out.push_back(r);
        if (out.size() > 20)
            return std::nullopt;
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

std::optional<failure> validate(projection_assumptions const& a)
{
    if (!parse_iso_date(a.as_of))
        return invalid("/as_of", "must be a date YYYY-MM-DD");
    if (a.exit_rule != "target_age" && a.exit_rule != "las" && a.exit_rule != "personal_plan")
        return invalid("/exit_rule", "must be target_age, las or personal_plan");
    if (a.demand_growth_per_mille < -200 || a.demand_growth_per_mille > 200)
        return invalid("/demand_growth", "must be -20 to 20 per cent a year");
    if (a.target_ages.empty())
        return invalid("/target_ages", "must list at least one birth year and age");
    if (a.years < 1 || a.years > 10)
        return invalid("/years", "must be 1-10");
    return std::nullopt;
}

std::optional<std::string> assumed_exit(projection_person const& p, projection_assumptions const& a)
{
    if (a.exit_rule == "personal_plan" && p.planned_exit_on)
        return p.planned_exit_on;
    if (!p.birth_date)
        return std::nullopt;
    if (a.exit_rule == "las")
        return las_date(*p.birth_date);
    auto const born = parse_iso_date(*p.birth_date);
    if (!born)
        return std::nullopt;
    return birthday(*p.birth_date, age_for(a.target_ages, static_cast<int>(born->year())));
}

workforce_projection project(std::vector<projection_person> const& people, projection_assumptions const& a)
{
    workforce_projection out;
    out.assumptions = a;
    auto const first_year = static_cast<int>(parse_iso_date(a.as_of)->year());
    std::map<std::pair<std::string, std::string>, std::vector<projection_person const*>> groups;
    std::vector<projection_person const*> all;
    for (auto const& p : people)
    {
        groups[{p.unit_id, p.profession}].push_back(&p);
        all.push_back(&p);
    }
    for (auto const& [key, members] : groups)
    {
        auto g = project_group(members, a, first_year);
        g.unit_id = key.first;
        g.profession = key.second;
        out.groups.push_back(std::move(g));
    }
    out.total = project_group(all, a, first_year);
    return out;
}

} // namespace kompetens::core
