#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kompetens::core {

/** Roles an account can hold. One account may hold several (a nurse who is also a delegator). */
enum class role : unsigned
{
    staff = 1u << 0,
    manager = 1u << 1,
    delegator = 1u << 2,
    medical_lead = 1u << 3, // MAS
    hr = 1u << 4,
    education_coordinator = 1u << 5,
    admin = 1u << 6,  // the organisation's administrator
    system = 1u << 7, // the installation's operator: creates organisations, sees no personal data by default
};

constexpr unsigned operator|(role a, role b)
{
    return static_cast<unsigned>(a) | static_cast<unsigned>(b);
}
constexpr unsigned operator|(unsigned a, role b)
{
    return a | static_cast<unsigned>(b);
}

std::optional<role> parse_role(std::string_view name) noexcept;
std::string_view role_name(role r) noexcept;
/** Comma-separated names, in the fixed order of the enum. */
std::string role_names(unsigned mask);
/** Parses a comma-separated list; nullopt if any name is unknown or the list is empty. */
std::optional<unsigned> parse_role_list(std::string_view names);

/** Who is calling: resolved once per request from the access token, then passed to every use case.
    External identities (an OIDC issuer and subject) map onto the same account id later. */
struct principal
{
    std::string account_id;
    std::string organisation_id;
    std::optional<std::string> employee_id;
    unsigned roles = 0;
    std::optional<std::string> device_id; // set when the token was issued to a registered device

    bool has(role r) const noexcept { return (roles & static_cast<unsigned>(r)) != 0; }
    bool has_any(unsigned mask) const noexcept { return (roles & mask) != 0; }
};

} // namespace kompetens::core
