#pragma once
#include "server/core/account_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** `core::account_store` on one SOCI session inside the caller's transaction. */
class account_repository final : public core::account_store
{
    soci::session& sql_;

public:
    explicit account_repository(soci::session& s) : sql_(s) {}
    std::optional<core::account> find_account_by_username(std::string const& username) override;
    std::optional<core::account> find_account(std::string const& id) override;
    bool insert_account(core::account const& a) override;
    void insert_access_token(core::access_token_record const& t) override;
    std::optional<core::access_token_record> find_access_token(std::string const& digest) override;
    void revoke_access_token(std::string const& digest) override;

private:
    std::optional<core::account> find_by(char const* column, std::string const& value);
};

} // namespace kompetens::storage
