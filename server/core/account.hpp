#pragma once
#include "server/core/clock.hpp"
#include "server/core/principal.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** A login. Linked to an employee when the holder is one (staff, managers, nurses); an operator account
    has none. The password is kept only as an argon2id string. An external identity (an OIDC issuer and
    subject) can map onto the same account, so roles and scopes stay in Kompetens whichever way a person
    signs in. */
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
    int failed_logins = 0;   // consecutive wrong passwords since the last success
    millis locked_until = 0; // no login before this instant
    std::optional<std::string> external_issuer;
    std::optional<std::string> external_subject;
};

/** A stored access token: only its SHA-256 digest is kept, so a copy of the database grants nothing. */
struct access_token_record
{
    std::string digest;
    std::string account_id;
    millis created_at = 0;
    millis expires_at = 0;
    bool revoked = false;
    std::optional<std::string> device_id;
    std::string family_id; // the refresh-token family it was issued with
};

/** What authentication needs to know about a bearer token, read in one statement because it runs on
    every authenticated request: the token, the parts of its account a principal is made of, and whether
    the account's employment and the token's device still stand on the day asked about. */
struct token_session
{
    access_token_record token;
    std::string organisation_id;
    std::optional<std::string> employee_id;
    unsigned roles = 0;
    bool disabled = false;
    bool employment_active = false; // true for an account without an employee (an administrator)
    bool device_active = false;     // true for a token bound to no device
};

/** A refresh token: single use. Each use issues a successor in the same family; presenting a used one
    again means it was copied, and the whole family is revoked. */
struct refresh_token_record
{
    std::string digest;
    std::string account_id;
    std::optional<std::string> device_id;
    std::string family_id;
    millis created_at = 0;
    millis expires_at = 0;        // idle limit: each use moves it forward
    millis family_expires_at = 0; // absolute limit of the family since login
    bool used = false;
    bool revoked = false;
};

/** A phone bound to one account. Tokens issued to it die with it. */
struct device
{
    std::string id; // minted by the phone (UUID)
    std::string organisation_id;
    std::string account_id;
    std::string name;
    std::string platform; // android | ios | other
    millis registered_at = 0;
    std::optional<millis> revoked_at;
    std::optional<millis> wipe_requested_at; // the sync issue erases the phone's data on its next contact
};

} // namespace kompetens::core
