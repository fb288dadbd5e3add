#pragma once
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/principal.hpp"
#include "server/core/senior_plan_store.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** A person's extended-career dates: derived from the birth date, so HR and the person only. */
struct career_view
{
    std::string employee_id;
    std::optional<std::string> birth_date; // none: not recorded, and then no dates
    int las_age = 69;                      // the rule in force today
    std::optional<std::string> las_date;
    std::optional<int> target_retirement_age;
    std::optional<std::string> target_retirement_date;
};

/** Extended careers (the Workplace-learning and planning issue, item 5): the LAS date and the target
    retirement age. Senior plans and the projection build on these. */
class career_service
{
    directory_store& directory_;
    senior_plan_store& plans_;
    audit_store& audit_;
    clock const& clock_;

public:
    career_service(directory_store& d, senior_plan_store& s, audit_store& a, clock const& c)
        : directory_(d), plans_(s), audit_(a), clock_(c)
    {
    }

    result<career_view> get(principal const& p, std::string const& employee_id);

    /** The person's senior plan (version 0, empty, when none): the person and HR. */
    result<senior_plan> plan(principal const& p, std::string const& employee_id);
    /** HR sets all of it; the person may change their wishes and planned exit, not what was agreed. */
    result<senior_plan> save_plan(principal const& p, senior_plan plan, int expected_version);

private:
    std::optional<failure> may_see(principal const& p, std::string const& employee_id);
};

} // namespace kompetens::core
