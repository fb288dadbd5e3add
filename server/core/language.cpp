#include "server/core/language.hpp"

#include "server/core/calendar.hpp"
#include "server/core/employment.hpp"
#include "server/core/ids.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace kompetens::core {

namespace {

template <std::size_t N> bool one_of(std::array<std::string_view, N> const& all, std::string_view s)
{
    return std::find(all.begin(), all.end(), s) != all.end();
}

bool is_date(std::string const& s)
{
    return parse_iso_date(s).has_value();
}

std::optional<failure>
check_rules(std::vector<language_rule> const& rules, std::string const& at, bool profession)
{
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < rules.size(); ++i)
    {
        auto const field = at + "/" + std::to_string(i);
        auto const& r = rules[i];
        if (profession && !is_profession(r.profession))
            return invalid(field + "/profession", "is not a known profession code");
        if (!is_language_skill(r.skill))
            return invalid(field + "/skill", "must be listening, reading, speaking, writing or overall");
        if (cefr_rank(r.level) == 0)
            return invalid(field + "/level", "must be a CEFR level A1-C2");
        if (!seen.insert({r.profession, r.skill}).second)
            return invalid(field + "/skill", "is named twice");
    }
    return std::nullopt;
}

} // namespace

bool is_language_skill(std::string_view s) noexcept
{
    static constexpr std::array<std::string_view, 5> all{
        "listening", "reading", "speaking", "writing", "overall"};
    return one_of(all, s);
}

bool is_assessment_method(std::string_view m) noexcept
{
    static constexpr std::array<std::string_view, 5> all{
        "test", "course_grade_swedish", "course_grade_sva", "employer_assessment", "certificate"};
    return one_of(all, m);
}

bool is_support_kind(std::string_view k) noexcept
{
    static constexpr std::array<std::string_view, 5> all{
        "language_ambassador", "mentor", "sfi_course", "sva_course", "other"};
    return one_of(all, k);
}

bool is_follow_up_outcome(std::string_view o) noexcept
{
    static constexpr std::array<std::string_view, 4> all{
        "on_track", "behind", "target_reached", "plan_changed"};
    return one_of(all, o);
}

int cefr_rank(std::string_view level) noexcept
{
    static constexpr std::array<std::string_view, 6> all{"A1", "A2", "B1", "B2", "C1", "C2"};
    auto const it = std::find(all.begin(), all.end(), level);
    return it == all.end() ? 0 : static_cast<int>(it - all.begin()) + 1;
}

bool is_care_work(std::string_view profession) noexcept
{
    static constexpr std::array<std::string_view, 5> all{
        "assistant_nurse", "care_assistant", "support_assistant", "support_educator", "personal_assistant"};
    return one_of(all, profession);
}

std::optional<std::string> current_level(
    std::vector<language_assessment> const& history, std::string_view skill, std::string_view language
)
{
    auto latest = [&](std::string_view s) -> language_assessment const* {
        language_assessment const* best = nullptr;
        for (auto const& a : history)
            if (a.skill == s && a.language == language &&
                (!best || std::tie(a.assessed_on, a.recorded_at, a.id) >
                              std::tie(best->assessed_on, best->recorded_at, best->id)))
                best = &a;
        return best;
    };
    if (auto const* a = latest(skill))
        return a->level;
    if (skill != "overall")
        if (auto const* a = latest("overall"))
            return a->level;
    return std::nullopt;
}

std::vector<language_rule> required_of(language_requirements const& r, std::string const& profession)
{
    std::vector<language_rule> out;
    for (auto const& rule : r.rules)
        if (rule.profession == profession)
            out.push_back(rule);
    if (out.empty() && r.default_level && is_care_work(profession))
        out.push_back({profession, "overall", *r.default_level});
    return out;
}

std::vector<language_rule>
unmet(std::vector<language_rule> const& required, std::vector<language_assessment> const& history)
{
    std::vector<language_rule> out;
    for (auto const& rule : required)
    {
        auto const level = current_level(history, rule.skill);
        if (!level || cefr_rank(*level) < cefr_rank(rule.level))
            out.push_back(rule);
    }
    return out;
}

std::optional<failure> validate(language_assessment const& a, std::string const& today)
{
    if (a.language.empty() || a.language.size() > 8)
        return invalid("/language", "an ISO 639 code such as sv");
    if (!is_language_skill(a.skill))
        return invalid("/skill", "must be listening, reading, speaking, writing or overall");
    if (cefr_rank(a.level) == 0)
        return invalid("/level", "must be a CEFR level A1-C2");
    if (!is_assessment_method(a.method))
        return invalid(
            "/method",
            "must be test, course_grade_swedish, course_grade_sva, employer_assessment or certificate"
        );
    if (a.assessor_id && !is_uuid(*a.assessor_id))
        return invalid("/assessor_id", "must be an employee id");
    if (a.assessor_external && (a.assessor_external->empty() || a.assessor_external->size() > 200))
        return invalid("/assessor_external", "the provider or school, 1-200 characters");
    if (!a.assessor_id && !a.assessor_external)
        return invalid("/assessor_id", "name who assessed: an employee, or assessor_external");
    if (!is_date(a.assessed_on))
        return invalid("/assessed_on", "must be a date YYYY-MM-DD");
    if (a.assessed_on > today)
        return invalid("/assessed_on", "cannot be in the future");
    if (a.evidence.size() > 500)
        return invalid("/evidence", "at most 500 characters: a reference, not a document");
    bool const documented = a.method != "employer_assessment";
    if (documented && a.evidence.empty())
        return invalid("/evidence", "a test, grade or certificate needs its reference");
    return std::nullopt;
}

std::optional<failure> validate(language_requirements const& r)
{
    if (r.default_level && cefr_rank(*r.default_level) == 0)
        return invalid("/default_level", "must be a CEFR level A1-C2, or null for no default");
    if (r.rules.size() > 200)
        return invalid("/rules", "at most 200 rules");
    return check_rules(r.rules, "/rules", true);
}

std::optional<failure> validate(language_plan const& p, std::string const& today)
{
    if (p.targets.empty())
        return invalid("/targets", "a plan needs at least one target level");
    if (p.targets.size() > 5)
        return invalid("/targets", "at most one target per skill");
    if (auto f = check_rules(p.targets, "/targets", false))
        return f;
    if (p.supports.size() > 10)
        return invalid("/supports", "at most 10 supports");
    for (std::size_t i = 0; i < p.supports.size(); ++i)
    {
        auto const field = "/supports/" + std::to_string(i);
        auto const& s = p.supports[i];
        if (!is_support_kind(s.kind))
            return invalid(
                field + "/kind", "must be language_ambassador, mentor, sfi_course, sva_course or other"
            );
        bool const person = s.kind == "language_ambassador" || s.kind == "mentor";
        if (person && !s.person_id)
            return invalid(field + "/person_id", "name the " + s.kind);
        if (s.person_id && !is_uuid(*s.person_id))
            return invalid(field + "/person_id", "must be an employee id");
        if (s.person_id && *s.person_id == p.employee_id)
            return invalid(field + "/person_id", "cannot be the person the plan is for");
    }
    if (!p.next_follow_up_on || !is_date(*p.next_follow_up_on))
        return invalid("/next_follow_up_on", "a plan needs a follow-up date YYYY-MM-DD");
    if (*p.next_follow_up_on < today)
        return invalid("/next_follow_up_on", "cannot be in the past");
    return std::nullopt;
}

std::optional<failure> validate(language_follow_up const& f, std::string const& today)
{
    if (!is_date(f.held_on))
        return invalid("/held_on", "must be a date YYYY-MM-DD");
    if (f.held_on > today)
        return invalid("/held_on", "cannot be in the future");
    if (!is_follow_up_outcome(f.outcome))
        return invalid("/outcome", "must be on_track, behind, target_reached or plan_changed");
    if (f.next_follow_up_on && (!is_date(*f.next_follow_up_on) || *f.next_follow_up_on <= f.held_on))
        return invalid("/next_follow_up_on", "a date YYYY-MM-DD after the follow-up");
    if (!f.next_follow_up_on && f.outcome != "target_reached")
        return invalid("/next_follow_up_on", "plan the next follow-up while the target is not reached");
    return std::nullopt;
}

} // namespace kompetens::core
