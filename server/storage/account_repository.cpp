#include "server/storage/account_repository.hpp"

#include "server/storage/row_reader.hpp"

#include <soci/soci.h>

namespace kompetens::storage {

std::optional<core::account> account_repository::find_by(char const* column, std::string const& value)
{
    soci::rowset<soci::row> rows =
        (sql_.prepare << std::string(
                             "select id, organisation_id, employee_id, username, password_hash, roles,"
                             " disabled, created_at from account where "
                         ) + column +
                             " = :v",
         soci::use(value));
    for (auto const& r : rows)
    {
        core::account a;
        a.id = text_at(r, 0);
        a.organisation_id = text_at(r, 1);
        a.employee_id = opt_text_at(r, 2);
        a.username = text_at(r, 3);
        a.password_hash = text_at(r, 4);
        // An unknown role name in the database (written by a newer version) grants nothing.
        a.roles = core::parse_role_list(text_at(r, 5)).value_or(0);
        a.disabled = int_at(r, 6) != 0;
        a.created_at = int64_at(r, 7);
        return a;
    }
    return std::nullopt;
}

std::optional<core::account> account_repository::find_account_by_username(std::string const& username)
{
    return find_by("username", username);
}

std::optional<core::account> account_repository::find_account(std::string const& id)
{
    return find_by("id", id);
}

bool account_repository::insert_account(core::account const& a)
{
    nullable_text employee{a.employee_id};
    std::string const roles = core::role_names(a.roles);
    int const disabled = a.disabled ? 1 : 0;
    long long const created = a.created_at;
    soci::statement st =
        (sql_.prepare
             << "insert into account (id, organisation_id, employee_id, username, password_hash, roles,"
                " disabled, created_at) values (:id, :org, :emp, :user, :hash, :roles, :disabled, :created)"
                " on conflict (username) do nothing",
         soci::use(a.id),
         soci::use(a.organisation_id),
         soci::use(employee.value, employee.ind),
         soci::use(a.username),
         soci::use(a.password_hash),
         soci::use(roles),
         soci::use(disabled),
         soci::use(created));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void account_repository::insert_access_token(core::access_token_record const& t)
{
    long long const created = t.created_at;
    long long const expires = t.expires_at;
    sql_ << "insert into access_token (digest, account_id, created_at, expires_at, revoked)"
            " values (:d, :a, :c, :e, 0)",
        soci::use(t.digest), soci::use(t.account_id), soci::use(created), soci::use(expires);
}

std::optional<core::access_token_record> account_repository::find_access_token(std::string const& digest)
{
    soci::rowset<soci::row> rows =
        (sql_.prepare << "select digest, account_id, created_at, expires_at, revoked from access_token"
                         " where digest = :d",
         soci::use(digest));
    for (auto const& r : rows)
        return core::access_token_record{
            text_at(r, 0), text_at(r, 1), int64_at(r, 2), int64_at(r, 3), int_at(r, 4) != 0};
    return std::nullopt;
}

void account_repository::revoke_access_token(std::string const& digest)
{
    sql_ << "update access_token set revoked = 1 where digest = :d", soci::use(digest);
}

} // namespace kompetens::storage
