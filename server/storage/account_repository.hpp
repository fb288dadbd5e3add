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
    std::vector<core::account> accounts_of(std::string const& org) override;
    bool insert_account(core::account const& a) override;
    void
    set_login_state(std::string const& account_id, int failed_logins, core::millis locked_until) override;
    void set_disabled(std::string const& account_id, bool disabled) override;
    bool employment_active(std::string const& employee_id, std::string const& day) override;

    void insert_access_token(core::access_token_record const& t) override;
    std::optional<core::access_token_record> find_access_token(std::string const& digest) override;
    std::optional<core::token_session>
    find_token_session(std::string const& digest, std::string const& day) override;
    void insert_refresh_token(core::refresh_token_record const& t) override;
    std::optional<core::refresh_token_record> find_refresh_token(std::string const& digest) override;
    void mark_refresh_used(std::string const& digest) override;
    void revoke_family(std::string const& family_id) override;
    void revoke_tokens(std::string const& account_id, std::optional<std::string> const& device_id) override;

    bool insert_device(core::device const& d) override;
    std::optional<core::device> find_device(std::string const& id) override;
    std::vector<core::device> devices_of(std::string const& account_id) override;
    void update_device(core::device const& d) override;

private:
    std::vector<core::account> find_by(char const* column, std::string const& value);
};

} // namespace kompetens::storage
