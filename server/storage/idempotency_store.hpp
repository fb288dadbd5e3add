#pragma once
#include "server/core/clock.hpp"

#include <optional>
#include <string>

namespace soci {
class session;
}

namespace kompetens::storage {

/** The stored outcome of a create that carried an `Idempotency-Key`. */
struct idempotent_outcome
{
    std::string request_hash;
    std::string route;
    int status = 0;
    std::string body;
};

/** Outcomes of creates by key, per account, kept in the same transaction as the create itself. */
class idempotency_store
{
    soci::session& sql_;

public:
    explicit idempotency_store(soci::session& s) : sql_(s) {}
    std::optional<idempotent_outcome> find(std::string const& account_id, std::string const& key);
    void save(
        std::string const& account_id, std::string const& key, idempotent_outcome const& o, core::millis now
    );
};

} // namespace kompetens::storage
