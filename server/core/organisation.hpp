#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** An employer: the municipality itself or a private provider working for it. Every other row belongs to
    exactly one organisation, and nothing crosses organisations (DESIGN.md, Tenancy). */
struct organisation
{
    std::string id;
    std::string name;
    std::string kind;      // municipality | private_provider | region | other
    std::string time_zone; // IANA name; calendar rules (due dates, valid_to) are read in it
    millis created_at = 0;
    int version = 1;
};

/** Checks the fields a client sets. Returns the first fault with its JSON field. */
std::optional<failure> validate(organisation const& o);

} // namespace kompetens::core
