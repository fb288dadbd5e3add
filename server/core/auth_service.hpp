#pragma once
#include "server/core/account_store.hpp"
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"
#include "server/core/principal.hpp"

namespace kompetens::core {

struct issued_token
{
    std::string access_token; // shown once, to the caller; never stored or logged
    millis expires_at = 0;
    principal who;
};

/** Local login and access-token checks. Synchronous, through `account_store`. A wrong username and a
    wrong password give the same answer so that usernames cannot be probed. */
class auth_service
{
    account_store& store_;
    clock const& clock_;
    millis token_ttl_;

public:
    auth_service(account_store& s, clock const& c, millis token_ttl)
        : store_(s), clock_(c), token_ttl_(token_ttl)
    {
    }

    result<issued_token> login(std::string const& username, std::string const& password);
    /** The principal behind a bearer token, or `unauthenticated` when it is unknown, expired, revoked,
        or its account is disabled. */
    result<principal> authenticate(std::string const& token);
    void logout(std::string const& token);

    /** Creates an account (bootstrap and seed). Refuses a taken username and a password under 12 characters.
     */
    result<account> create_account(account draft, std::string const& password);
};

} // namespace kompetens::core
