#pragma once
#include "server/core/account_store.hpp"
#include "server/core/audit.hpp"
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"
#include "server/core/principal.hpp"

#include <vector>

namespace kompetens::core {

/** Lifetimes and limits of local sign-in (security.md §6). */
struct auth_policy
{
    millis access_ttl = 15 * 60 * 1000;
    millis refresh_idle = 7LL * 24 * 3600 * 1000;
    millis refresh_absolute = 30LL * 24 * 3600 * 1000;
    int max_failed_logins = 10; // consecutive wrong passwords before the account locks
    millis lockout = 15 * 60 * 1000;
};

/** What a client receives on login, refresh or device registration. Shown once; never stored or logged. */
struct issued_tokens
{
    std::string access_token;
    millis access_expires_at = 0;
    std::string refresh_token;
    millis refresh_expires_at = 0;
    principal who;
};

/** Sign-in, tokens, devices and account state. Synchronous, through `account_store`; every change and
    every failed sign-in of a known account is appended to the audit trail in the caller's transaction.
    A wrong username and a wrong password give the same answer so that usernames cannot be probed.
    The caller commits even when a login fails, so failed attempts are counted. */
class auth_service
{
    account_store& store_;
    audit_store& audit_;
    clock const& clock_;
    auth_policy policy_;

public:
    auth_service(account_store& s, audit_store& a, clock const& c, auth_policy p = {})
        : store_(s), audit_(a), clock_(c), policy_(p)
    {
    }

    result<issued_tokens> login(
        std::string const& username,
        std::string const& password,
        std::optional<std::string> const& device_id = {}
    );
    /** Exchanges a refresh token for a new pair. A used one presented again revokes its whole family. */
    result<issued_tokens>
    refresh(std::string const& refresh_token, std::optional<std::string> const& device_id = {});
    /** The principal behind a bearer token, or `unauthenticated` when it is unknown, expired, revoked, its
        device is revoked, its account disabled, or its employee has no current employment. */
    result<principal> authenticate(std::string const& access_token);
    void logout(principal const& p, std::string const& access_token);

    /** Creates an account (bootstrap, seed, admins). Refuses a taken username and a password under 12. */
    result<account>
    create_account(account draft, std::string const& password, std::string const& actor = "system");
    /** Disables an account of the caller's organisation (admin); all its sessions end at once. */
    result<account> disable_account(principal const& by, std::string const& account_id);

    /** Binds a phone to the caller and issues device-bound tokens. */
    result<issued_tokens> register_device(principal const& p, device draft);
    /** The caller's devices; an admin may name another account of the organisation. */
    result<std::vector<device>>
    list_devices(principal const& p, std::optional<std::string> const& account_id);
    result<device> revoke_device(principal const& p, std::string const& device_id);
    result<device> request_wipe(principal const& p, std::string const& device_id);

private:
    issued_tokens issue(
        account const& a,
        std::optional<std::string> const& device_id,
        std::string const& family,
        millis family_expires
    );
    void record(
        std::string const& org,
        std::string const& actor,
        std::string const& device,
        std::string action,
        std::string entity_type,
        std::string entity_id
    );
    result<device> own_device(principal const& p, std::string const& device_id);
};

} // namespace kompetens::core
