#pragma once
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/language_store.hpp"
#include "server/core/notification_store.hpp"
#include "server/core/principal.hpp"

#include <vector>

namespace kompetens::core {

/** One person's language profile as a reader may see it. */
struct language_profile
{
    std::string employee_id;
    std::string state;                            // not_assessed | assessed | plan_active | target_reached
    std::vector<language_assessment> assessments; // oldest first
    std::vector<language_rule> current;  // the level that counts per assessed skill (profession empty)
    std::vector<language_rule> required; // from the professions of current employments
    std::vector<language_rule> gaps;     // required levels not met (or not assessed)
    std::vector<language_plan> plans;    // newest first
};

/** One row of a unit's gap view: a person below (or never assessed against) a required level. */
struct language_gap
{
    std::string employee_id;
    std::string profession;
    std::string skill;
    std::string required;
    std::optional<std::string> current; // none: not assessed
    bool plan_active = false;
};

/** Language proficiency: assessments, requirements, a unit's gaps and development plans. Staff read
    their own, managers the people of their units, HR everyone; managers and HR record. */
class language_service
{
    directory_store& directory_;
    language_store& store_;
    audit_store& audit_;
    notification_store& notifications_;
    clock const& clock_;

public:
    language_service(
        directory_store& d, language_store& s, audit_store& a, notification_store& n, clock const& c
    )
        : directory_(d), store_(s), audit_(a), notifications_(n), clock_(c)
    {
    }

    result<language_profile> profile(principal const& p, std::string const& employee_id);
    result<language_assessment> record_assessment(principal const& p, language_assessment a);

    result<language_requirements> requirements(principal const& p);
    result<language_requirements>
    set_requirements(principal const& p, language_requirements r, int expected_version);

    /** Everyone currently employed in the unit or below it who misses a required level. */
    result<std::vector<language_gap>> unit_gaps(principal const& p, std::string const& unit_id);

    result<language_plan> create_plan(principal const& p, language_plan plan);
    /** Idempotent by the follow-up's id (a phone may send it twice). Returns the plan after it. */
    result<language_plan> record_follow_up(principal const& p, language_follow_up f);
    /** Active plans where the caller is the language ambassador or mentor. */
    result<std::vector<language_plan>> plans_i_support(principal const& p);

    /** The levels a person is held to today: the highest per skill over their current professions. */
    std::vector<language_rule> required_today(std::string const& org, std::string const& employee_id);

private:
    std::optional<failure> may(principal const& p, bool write, std::string const& employee_id);
    bool supports(language_plan const& plan, principal const& p) const;
};

} // namespace kompetens::core
