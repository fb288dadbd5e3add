#pragma once
#include "server/core/errc.hpp"
#include "server/core/principal.hpp"

#include <optional>
#include <string_view>

namespace kompetens::core {

/** What a caller wants to do. Grows with each capability; every use case asks `decide` before it touches
    data, so the REST API and sync apply one policy. */
enum class action
{
    organisation_create,
    organisation_read,
    directory_read, // units, employees, employments of an organisation
    directory_write,
    employee_read_restricted, // birth date
};

/** The one access decision. `target_organisation` is the organisation that owns the object.
    Returns nothing when allowed. A caller outside the owning organisation gets `not_found`, never
    `forbidden`, so that the answer does not reveal that the object exists (security.md, T3). */
std::optional<failure> decide(principal const& p, action a, std::string_view target_organisation);

} // namespace kompetens::core
