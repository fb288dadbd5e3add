#include "server/core/title.hpp"

#include "server/core/calendar.hpp"

#include <array>

namespace kompetens::core {

bool is_title_status(std::string_view s) noexcept
{
    static constexpr std::array<std::string_view, 5> all{
        "none", "transitional_right", "certificate_applied", "granted", "rejected"};
    for (auto a : all)
        if (a == s)
            return true;
    return false;
}

std::string effective_title_status(title_status const& t, std::string const& day)
{
    // Dates as YYYY-MM-DD compare as text.
    if (t.status == "transitional_right" && day > transitional_right_ends)
        return "none";
    return t.status;
}

bool has_transitional_right(title_status const& t, std::string const& day)
{
    return !t.transitional_evidence.empty() && day <= transitional_right_ends;
}

bool may_use_title(title_status const& t, std::string const& day)
{
    return may_use_title(t.status, !t.transitional_evidence.empty(), day);
}

bool may_use_title(std::string_view status, bool transitional_right, std::string const& day)
{
    return status == "granted" || (transitional_right && day <= transitional_right_ends);
}

std::optional<failure>
check_title_change(title_status const& from, title_status const& to, std::string const& day)
{
    if (!is_title_status(to.status))
        return invalid(
            "/status", "must be none, transitional_right, certificate_applied, granted or rejected"
        );
    if (to.decided_on && !parse_iso_date(*to.decided_on))
        return invalid("/decided_on", "must be a date YYYY-MM-DD");
    if (to.decided_on && *to.decided_on > day)
        return invalid("/decided_on", "cannot be in the future");
    if (to.evidence.size() > 500)
        return invalid("/evidence", "at most 500 characters: a reference, not a document");
    bool const needs_evidence = to.status == "transitional_right" || to.status == "granted";
    if (needs_evidence && to.evidence.empty())
        return invalid("/evidence", "say what the status rests on (the certificate, the employer's intyg)");
    if (to.status == "transitional_right")
    {
        if (day > transitional_right_ends)
            return failure{
                errc::invalid_state,
                "/status",
                "the transitional right ended on 2033-06-30: apply for the certificate"};
        // Only people who held the title on 2023-07-01 have the right; a granted certificate outranks it.
        if (from.status == "granted")
            return failure{
                errc::invalid_state,
                "/status",
                "the certificate is granted: the transitional right adds nothing"};
    }
    if ((to.status == "granted" || to.status == "rejected") && from.status != "certificate_applied" &&
        from.status != to.status)
        return failure{
            errc::invalid_state,
            "/status",
            "a decision on the certificate follows an application (certificate_applied)"};
    return std::nullopt;
}

} // namespace kompetens::core
