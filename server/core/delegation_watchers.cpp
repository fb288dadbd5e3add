// The watchers run by the periodic sweep: expiry, termination, lapsed prerequisites and expiry reminders.
#include "server/core/calendar.hpp"
#include "server/core/delegation_detail.hpp"
#include "server/core/delegation_service.hpp"
#include "server/core/reminders.hpp"

namespace kompetens::core {

using delegation_detail::json_detail;

void delegation_service::sweep(std::string const& org)
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
        // Termination: the recipient's employment has ended, or the delegator has left. Municipal nurses
        // serve units they are not employed in, so "left" means no current employment at all; a change of
        // unit while still employed is not yet detected (it needs the delegator's placement at issue).
        std::string why;
        if (directory_.current_units(org, d.delegate_id, day).empty())
            why = "employment_ended";
        else if (directory_.current_units(org, d.delegator_id, day).empty())
            why = "delegator_left";
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
        // Lapsed prerequisites flag the delegation at risk (it stays valid: the delegator decides).
        auto const still = check_prerequisites(d);
        if (!still && !d.at_risk)
        {
            d.at_risk = true;
            d.at_risk_reason = still.error().detail;
            if (save(system, d, expected, "at_risk", json_detail({{"reason", still.error().detail}})))
            {
                auto recipients = directory_.managers_of(org, d.delegate_id, day);
                recipients.push_back(d.delegator_id);
                notify(d, "delegation.at_risk", recipients);
            }
            continue;
        }
        if (still && d.at_risk)
        {
            d.at_risk = false;
            d.at_risk_reason.clear();
            save(system, d, expected, "at_risk_cleared", "{}");
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
