#include "server/core/special_role.hpp"

#include "server/core/ids.hpp"

#include <algorithm>

namespace kompetens::core {

std::vector<std::string> const& special_roles()
{
    static std::vector<std::string> const all{
        "care_contact",
        "language_ambassador",
        "apl_supervisor",
        "hygiene_ambassador",
        "documentation_ambassador"};
    return all;
}

bool is_special_role(std::string_view role) noexcept
{
    auto const& all = special_roles();
    return std::find(all.begin(), all.end(), role) != all.end();
}

special_role_rule default_rule(std::string const& org, std::string const& role)
{
    special_role_rule r;
    r.organisation_id = org;
    r.role = role;
    r.requires_title = role == "care_contact";
    if (role == "language_ambassador")
        r.language_level = "B2";
    return r;
}

std::optional<failure> validate(special_role_rule const& r)
{
    if (!is_special_role(r.role))
        return invalid(
            "/role",
            "must be care_contact, language_ambassador, apl_supervisor, hygiene_ambassador or "
            "documentation_ambassador"
        );
    if (r.role == "care_contact" && !r.requires_title)
        return invalid(
            "/requires_title", "a care contact must be allowed to use the title undersköterska (SoL)"
        );
    if (r.course_ids.size() > 10)
        return invalid("/course_ids", "at most 10 courses");
    for (std::size_t i = 0; i < r.course_ids.size(); ++i)
        if (!is_uuid(r.course_ids[i]))
            return invalid("/course_ids/" + std::to_string(i), "must be a course id");
    if (r.language_level && cefr_rank(*r.language_level) == 0)
        return invalid("/language_level", "must be a CEFR level A1-C2, or null");
    if (!is_language_skill(r.language_skill))
        return invalid("/language_skill", "must be listening, reading, speaking, writing or overall");
    return std::nullopt;
}

std::vector<std::string>
missing_for(special_role_rule const& rule, qualification_facts const& facts, std::string const& day)
{
    std::vector<std::string> out;
    if (rule.requires_title && !may_use_title(facts.title, day))
        out.push_back("title");
    for (auto const& course : rule.course_ids)
    {
        // The latest attested record counts, as for a delegation's prerequisites.
        training_record const* best = nullptr;
        for (auto const& r : facts.records)
            if (r.course_id == course && r.attested && (!best || r.completed_on > best->completed_on))
                best = &r;
        if (!best || (best->valid_until && *best->valid_until < day))
            out.push_back("course:" + course);
    }
    if (rule.language_level)
    {
        std::vector<language_rule> const need{{"", rule.language_skill, *rule.language_level}};
        if (!unmet(need, facts.assessments).empty())
            out.push_back("language:" + rule.language_skill + ":" + *rule.language_level);
    }
    return out;
}

} // namespace kompetens::core
