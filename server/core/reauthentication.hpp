#pragma once
#include "server/core/account_store.hpp"
#include "server/core/clock.hpp"
#include "server/core/delegation.hpp"
#include "server/core/principal.hpp"

#include <optional>
#include <string_view>

namespace kompetens::core {

/** The password entered again, checked against the caller's account: the signature of a delegation step,
    made now. The same check for the REST API and for a mutation arriving from a phone. */
result<signature> password_signature(
    account_store& accounts, principal const& who, std::optional<std::string_view> password, millis now
);

} // namespace kompetens::core
