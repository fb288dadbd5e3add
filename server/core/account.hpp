#pragma once
#include "server/core/clock.hpp"
#include "server/core/principal.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** A login. Linked to an employee when the holder is one (staff, managers, nurses); an operator account
    has none. The password is kept only as an argon2id string. */
struct account
{
    std::string id;
    std::string organisation_id;
    std::optional<std::string> employee_id;
    std::string username;
    std::string password_hash;
    unsigned roles = 0;
    bool disabled = false;
    millis created_at = 0;
};

/** A stored access token: only its SHA-256 digest is kept, so a copy of the database grants nothing. */
struct access_token_record
{
    std::string digest;
    std::string account_id;
    millis created_at = 0;
    millis expires_at = 0;
    bool revoked = false;
};

} // namespace kompetens::core
