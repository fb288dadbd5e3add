#pragma once
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/directory_store.hpp"
#include "server/core/principal.hpp"
#include "server/core/title_store.hpp"

#include <vector>

namespace kompetens::core {

/** A person's title status as a reader sees it on a day. */
struct title_view
{
    title_status stored;        // version 0 when never set
    std::string effective;      // the status as it counts that day
    bool may_use_title = false; // shown as undersköterska, may be care contact
};

/** One row of the transition report: who relies on the transitional right and must apply. */
struct title_transition_row
{
    std::string employee_id;
    std::string status;       // transitional_right (not applied) | certificate_applied | rejected
    bool right_ended = false; // the day is after 2033-06-30
    int days_left = 0;        // until the right ends (0 once ended)
};

/** The undersköterska title: HR records the status and its evidence; everyone who may read the person
    sees what counts on the day; HR sees who must still apply before the transitional right ends. */
class title_service
{
    directory_store& directory_;
    title_store& store_;
    audit_store& audit_;
    clock const& clock_;

public:
    title_service(directory_store& d, title_store& s, audit_store& a, clock const& c)
        : directory_(d), store_(s), audit_(a), clock_(c)
    {
    }

    result<title_view> get(principal const& p, std::string const& employee_id);
    /** `expected_version`: the version read (0 when never set); a stale one is a conflict. */
    result<title_view> set(principal const& p, title_status t, int expected_version);
    /** Everyone whose title rests on the transitional right (not yet applied, applied, or rejected), with
        the days left until 2033-06-30; HR and administrators only. */
    result<std::vector<title_transition_row>> transition_report(principal const& p);
};

} // namespace kompetens::core
