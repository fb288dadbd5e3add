#pragma once
#include "server/core/title.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** Title statuses; implemented by server/storage inside the caller's transaction. */
class title_store
{
public:
    virtual ~title_store() = default;
    virtual std::optional<title_status> find(std::string const& org, std::string const& employee_id) = 0;
    /** Inserts or updates; false when `expected_version` is not the stored one (0: none stored). */
    virtual bool save(title_status const& t, int expected_version) = 0;
    /** The organisation's people with the transitional right whose certificate is not granted. */
    virtual std::vector<title_status> relying_on_transitional_right(std::string const& org) = 0;
};

} // namespace kompetens::core
