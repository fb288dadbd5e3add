#pragma once
#include "server/core/account.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** The port for accounts, tokens and devices; implemented by server/storage inside the caller's
    transaction. Throws only for infrastructure failures; `insert_*` return false on a taken key. */
class account_store
{
public:
    virtual ~account_store() = default;
    virtual std::optional<account> find_account_by_username(std::string const& username) = 0;
    virtual std::optional<account> find_account(std::string const& id) = 0;
    virtual std::vector<account> accounts_of(std::string const& org) = 0;
    virtual bool insert_account(account const& a) = 0;
    virtual void set_login_state(std::string const& account_id, int failed_logins, millis locked_until) = 0;
    virtual void set_disabled(std::string const& account_id, bool disabled) = 0;
    /** True when the employee has an employment covering `day` (YYYY-MM-DD). */
    virtual bool employment_active(std::string const& employee_id, std::string const& day) = 0;

    virtual void insert_access_token(access_token_record const& t) = 0;
    virtual std::optional<access_token_record> find_access_token(std::string const& digest) = 0;
    /** The token with the digest, its account and whether employment (on `day`, YYYY-MM-DD) and device
        still stand; nothing when the token or its account is unknown. */
    virtual std::optional<token_session>
    find_token_session(std::string const& digest, std::string const& day) = 0;
    virtual void insert_refresh_token(refresh_token_record const& t) = 0;
    virtual std::optional<refresh_token_record> find_refresh_token(std::string const& digest) = 0;
    virtual void mark_refresh_used(std::string const& digest) = 0;
    /** Revokes every access and refresh token of the family. */
    virtual void revoke_family(std::string const& family_id) = 0;
    /** Revokes every token of the account (or only those of one device). */
    virtual void
    revoke_tokens(std::string const& account_id, std::optional<std::string> const& device_id) = 0;

    virtual bool insert_device(device const& d) = 0;
    virtual std::optional<device> find_device(std::string const& id) = 0;
    virtual std::vector<device> devices_of(std::string const& account_id) = 0;
    virtual void update_device(device const& d) = 0;
};

} // namespace kompetens::core
