// The watchers run by the periodic sweep: expiry, termination, lapsed prerequisites and expiry reminders.
#include "server/core/calendar.hpp"
#include "server/core/delegation_detail.hpp"
#include "server/core/delegation_service.hpp"
#include "server/core/reminders.hpp"

#include <algorithm>

namespace kompetens::core {

using delegation_detail::json_detail;

namespace {
/** Whether an absence covering `day` began more than `months` months before it. */
template <class Store>
bool long_absence_in(
    Store& directory, std::string const& org, std::string const& emp, std::string const& day, int months
)
{
    for (auto const& a : directory.absences_of(org, emp))
        if (a.from_date <= day && (!a.to_date || *a.to_date >= day) &&
            format_iso_date(add_months(*parse_iso_date(a.from_date), months)) < day)
            return true;
    return false;
}
} // namespace

bool delegation_service::long_absence(
    std::string const& org, std::string const& emp, std::string const& day, int months
)
{
    return long_absence_in(directory_, org, emp, day, months);
}

void delegation_service::sweep(std::string const& org, int absence_months)
{
    auto const now = clock_.now();
    auto const day = today();
    principal const system{"system", org, std::nullopt, static_cast<unsigned>(role::system), std::nullopt};
    for (auto d : store_.decisions_in_state(org, delegation_state::active))
    {
        int const expected = d.version;
        if (now >= allowed_interval(d).to && d.valid_to < day)
        {
            d.state = delegation_state::expired;
            d.ended_at = now;
            if (save(system, d, expected, "expired", "{}"))
                notify(d, "delegation.expired", {d.delegate_id, d.delegator_id});
            continue;
        }
        // Termination: the recipient's employment has ended, the delegator has left, or the delegator has
        // changed unit: none of the units they worked in when issuing is theirs any more. (Municipal nurses
        // serve units they are not employed in, so the comparison is with their own placement at issue,
        // not with the decision's scope.)
        std::string why;
        auto const delegator_now = directory_.current_units(org, d.delegator_id, day);
        if (directory_.current_units(org, d.delegate_id, day).empty())
            why = "employment_ended";
        else if (delegator_now.empty())
            why = "delegator_left";
        else if (absence_months > 0 && long_absence(org, d.delegate_id, day, absence_months))
            why = "absence_exceeded";
        else if (!d.delegator_unit_ids.empty() && std::none_of(delegator_now.begin(), delegator_now.end(), [&](auto const& u) {
                     return delegation_detail::contains(d.delegator_unit_ids, u);
                 }))
            why = "delegator_changed_unit";
        if (!why.empty())
        {
            d.state = delegation_state::terminated;
            d.ended_at = now;
            d.end_reason = why;
            d.ended_by = "system";
            if (save(system, d, expected, "terminated", json_detail({{"reason", why}})))
            {
                auto recipients = directory_.managers_of(org, d.delegate_id, day);
                recipients.push_back(d.delegate_id);
                recipients.push_back(d.delegator_id);
                notify(d, "delegation.terminated", recipients);
            }
            continue;
        }
        // Lapsed prerequisites flag the delegation at risk: it stays usable and the delegator decides,
        // unless one of its tasks says a lapse suspends it until the prerequisite holds again.
        auto const still = check_prerequisites(d);
        if (!still && !d.at_risk)
        {
            d.at_risk = true;
            d.at_risk_reason = still.error().detail;
            d.suspended = std::any_of(d.task_ids.begin(), d.task_ids.end(), [&](auto const& id) {
                auto t = store_.find_task(org, id);
                return t && t->suspend_on_lapse;
            });
            auto const kind = d.suspended ? "suspended" : "at_risk";
            if (save(system, d, expected, kind, json_detail({{"reason", still.error().detail}})))
            {
                auto recipients = directory_.managers_of(org, d.delegate_id, day);
                recipients.push_back(d.delegator_id);
                if (d.suspended)
                    recipients.push_back(d.delegate_id);
                notify(d, std::string("delegation.") + kind, recipients);
            }
            continue;
        }
        if (still && d.at_risk)
        {
            d.at_risk = false;
            d.at_risk_reason.clear();
            d.suspended = false;
            save(system, d, expected, "at_risk_cleared", "{}");
        }
        // Follow-up due (bevakning): the delegator hears a week ahead, and again when it is overdue.
        auto const follow_ups = store_.follow_ups_of(org, d.id);
        if (!follow_ups.empty() && follow_ups.back().next_due)
        {
            auto const& due = *follow_ups.back().next_due;
            int const until = days_between(day, due);
            if (until < 0)
                notify(d, "delegation.follow_up_overdue", {d.delegator_id}, due);
            else if (until <= 7)
                notify(d, "delegation.follow_up_due", {d.delegator_id}, due);
        }
        // Expiry reminders at 30, 14 and 7 days, each once.
        int const left = days_between(day, d.valid_to);
        char const* kind = left <= 7    ? "delegation.expires_7"
                           : left <= 14 ? "delegation.expires_14"
                           : left <= 30 ? "delegation.expires_30"
                                        : nullptr;
        if (kind && left >= 0)
        {
            auto recipients = directory_.managers_of(org, d.delegate_id, day);
            recipients.push_back(d.delegate_id);
            recipients.push_back(d.delegator_id);
            notify(d, kind, recipients, d.valid_to);
        }
    }
}

} // namespace kompetens::core
