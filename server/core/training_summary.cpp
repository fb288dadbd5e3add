#include "server/core/training_summary.hpp"

#include <tuple>

namespace kompetens::core {

std::vector<summary_cell> summarise(std::vector<status_count> const& counts)
{
    struct tally
    {
        int people = 0;
        int compliant = 0;
        std::map<std::string, std::pair<int, int>> by_gender; // gender → (people, compliant)
    };
    std::map<std::pair<std::string, std::string>, tally> cells;
    for (auto const& c : counts)
    {
        bool const ok = c.state == "valid" || c.state == "expiring";
        std::string const gender = c.gender.empty() ? "unrecorded" : c.gender;
        auto& t = cells[{c.unit_id, c.course_id}];
        t.people += c.people;
        t.compliant += ok ? c.people : 0;
        auto& g = t.by_gender[gender];
        g.first += c.people;
        g.second += ok ? c.people : 0;
    }
    std::vector<summary_cell> out;
    for (auto const& [key, t] : cells)
    {
        summary_cell s;
        s.unit_id = key.first;
        s.course_id = key.second;
        s.people = t.people;
        s.suppressed = t.people < smallest_shown_group;
        if (!s.suppressed)
            s.compliant = t.compliant;
        for (auto const& g : {"female", "male", "other", "unrecorded"})
        {
            auto it = t.by_gender.find(g);
            int const n = it == t.by_gender.end() ? 0 : it->second.first;
            // An empty group reveals nothing; a group of one to four would.
            if (!s.suppressed && (n == 0 || n >= smallest_shown_group))
                s.compliant_by_gender[g] = it == t.by_gender.end() ? 0 : it->second.second;
            else
                s.compliant_by_gender[g] = std::nullopt;
        }
        if (s.suppressed)
            s.people = 0; // the size of a small group is itself revealing
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace kompetens::core
