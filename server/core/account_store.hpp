#pragma once
#include "server/core/account.hpp"

#include <optional>
#include <string>

namespace kompetens::core {

/** The port for accounts and access tokens; implemented by server/storage. Throws only for
    infrastructure failures; `insert_account` returns false when the username is taken. */
class account_store
{
public:
    virtual ~account_store() = default;
    virtual std::optional<account> find_account_by_username(std::string const& username) = 0;
    virtual std::optional<account> find_account(std::string const& id) = 0;
    virtual bool insert_account(account const& a) = 0;
    virtual void insert_access_token(access_token_record const& t) = 0;
    virtual std::optional<access_token_record> find_access_token(std::string const& digest) = 0;
    virtual void revoke_access_token(std::string const& digest) = 0;
};

} // namespace kompetens::core
