#include "server/storage/account_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

#include <soci/soci.h>

namespace kompetens::storage {

namespace {

core::device to_device(soci::row const& r)
{
    core::device d;
    d.id = text_at(r, 0);
    d.organisation_id = text_at(r, 1);
    d.account_id = text_at(r, 2);
    d.name = text_at(r, 3);
    d.platform = text_at(r, 4);
    d.registered_at = int64_at(r, 5);
    d.revoked_at = opt_int64_at(r, 6);
    d.wipe_requested_at = opt_int64_at(r, 7);
    return d;
}

constexpr char const* device_columns = "select id, organisation_id, account_id, name, platform, "
                                       "registered_at, revoked_at, wipe_requested_at from device";

} // namespace

std::vector<core::account> account_repository::find_by(char const* column, std::string const& value)
{
    std::vector<core::account> out;
    query_rows rows{
        sql_,
        std::string("select id, organisation_id, employee_id, username, password_hash, roles,"
                    " disabled, created_at, failed_logins, locked_until, external_issuer,"
                    " external_subject from account where ") +
            column + " = :v order by username",
        soci::use(value)};
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
        a.failed_logins = int_at(r, 8);
        a.locked_until = int64_at(r, 9);
        a.external_issuer = opt_text_at(r, 10);
        a.external_subject = opt_text_at(r, 11);
        out.push_back(std::move(a));
    }
    return out;
}

std::optional<core::account> account_repository::find_account_by_username(std::string const& username)
{
    auto v = find_by("username", username);
    return v.empty() ? std::nullopt : std::optional{v.front()};
}

std::optional<core::account> account_repository::find_account(std::string const& id)
{
    auto v = find_by("id", id);
    return v.empty() ? std::nullopt : std::optional{v.front()};
}

std::vector<core::account> account_repository::accounts_of(std::string const& org)
{
    return find_by("organisation_id", org);
}

bool account_repository::insert_account(core::account const& a)
{
    nullable_text employee{a.employee_id};
    nullable_text issuer{a.external_issuer};
    nullable_text subject{a.external_subject};
    std::string const roles = core::role_names(a.roles);
    int const disabled = a.disabled ? 1 : 0;
    long long const created = a.created_at;
    soci::statement st =
        (sql_.prepare
             << "insert into account (id, organisation_id, employee_id, username, password_hash, roles,"
                " disabled, created_at, external_issuer, external_subject)"
                " values (:id, :org, :emp, :user, :hash, :roles, :disabled, :created, :iss, :sub)"
                " on conflict do nothing",
         soci::use(a.id),
         soci::use(a.organisation_id),
         soci::use(employee.value, employee.ind),
         soci::use(a.username),
         soci::use(a.password_hash),
         soci::use(roles),
         soci::use(disabled),
         soci::use(created),
         soci::use(issuer.value, issuer.ind),
         soci::use(subject.value, subject.ind));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void account_repository::set_login_state(
    std::string const& account_id, int failed_logins, core::millis locked_until
)
{
    long long const until = locked_until;
    sql_ << "update account set failed_logins = :f, locked_until = :u where id = :id",
        soci::use(failed_logins), soci::use(until), soci::use(account_id);
}

void account_repository::set_disabled(std::string const& account_id, bool disabled)
{
    int const d = disabled ? 1 : 0;
    sql_ << "update account set disabled = :d where id = :id", soci::use(d), soci::use(account_id);
}

bool account_repository::employment_active(std::string const& employee_id, std::string const& day)
{
    int n = 0;
    sql_ << "select count(*) from employment where employee_id = :e and start_date <= :d1"
            " and (end_date is null or end_date >= :d2)",
        soci::use(employee_id), soci::use(day), soci::use(day), soci::into(n);
    return n > 0;
}

void account_repository::insert_access_token(core::access_token_record const& t)
{
    long long const created = t.created_at;
    long long const expires = t.expires_at;
    nullable_text device{t.device_id};
    sql_ << "insert into access_token (digest, account_id, created_at, expires_at, revoked, device_id, "
            "family_id)"
            " values (:d, :a, :c, :e, 0, :dev, :f)",
        soci::use(t.digest), soci::use(t.account_id), soci::use(created), soci::use(expires),
        soci::use(device.value, device.ind), soci::use(t.family_id);
}

std::optional<core::access_token_record> account_repository::find_access_token(std::string const& digest)
{
    query_rows rows{
        sql_,
        "select digest, account_id, created_at, expires_at, revoked, device_id, family_id"
        " from access_token where digest = :d",
        soci::use(digest)};
    for (auto const& r : rows)
        return core::access_token_record{
            text_at(r, 0),
            text_at(r, 1),
            int64_at(r, 2),
            int64_at(r, 3),
            int_at(r, 4) != 0,
            opt_text_at(r, 5),
            text_at(r, 6)};
    return std::nullopt;
}

std::optional<core::token_session>
account_repository::find_token_session(std::string const& digest, std::string const& day)
{
    // One statement instead of four (token, account, employment, device): authentication runs on every
    // request, and each statement is a round trip on PostgreSQL (BENCHMARKS.md, B2). The password hash
    // is not read: a request has no use for it.
    query_rows rows{
        sql_,
        "select t.digest, t.account_id, t.created_at, t.expires_at, t.revoked, t.device_id, t.family_id,"
        " a.organisation_id, a.employee_id, a.roles, a.disabled,"
        " case when a.employee_id is null then 1"
        "  when exists (select 1 from employment e where e.employee_id = a.employee_id"
        "   and e.start_date <= :d1 and (e.end_date is null or e.end_date >= :d2)) then 1 else 0 end,"
        " case when t.device_id is null then 1"
        "  when exists (select 1 from device d where d.id = t.device_id and d.revoked_at is null) then 1"
        "  else 0 end"
        " from access_token t join account a on a.id = t.account_id where t.digest = :t",
        soci::use(day),
        soci::use(day),
        soci::use(digest)};
    for (auto const& r : rows)
    {
        core::token_session s;
        s.token = core::access_token_record{
            text_at(r, 0),
            text_at(r, 1),
            int64_at(r, 2),
            int64_at(r, 3),
            int_at(r, 4) != 0,
            opt_text_at(r, 5),
            text_at(r, 6)};
        s.organisation_id = text_at(r, 7);
        s.employee_id = opt_text_at(r, 8);
        // An unknown role name in the database (written by a newer version) grants nothing.
        s.roles = core::parse_role_list(text_at(r, 9)).value_or(0);
        s.disabled = int_at(r, 10) != 0;
        s.employment_active = int_at(r, 11) != 0;
        s.device_active = int_at(r, 12) != 0;
        return s;
    }
    return std::nullopt;
}

void account_repository::insert_refresh_token(core::refresh_token_record const& t)
{
    nullable_text device{t.device_id};
    long long const created = t.created_at;
    long long const expires = t.expires_at;
    long long const family_expires = t.family_expires_at;
    sql_ << "insert into refresh_token (digest, account_id, device_id, family_id, created_at, expires_at,"
            " family_expires_at, used, revoked) values (:d, :a, :dev, :f, :c, :e, :fe, 0, 0)",
        soci::use(t.digest), soci::use(t.account_id), soci::use(device.value, device.ind),
        soci::use(t.family_id), soci::use(created), soci::use(expires), soci::use(family_expires);
}

std::optional<core::refresh_token_record> account_repository::find_refresh_token(std::string const& digest)
{
    query_rows rows{
        sql_,
        "select digest, account_id, device_id, family_id, created_at, expires_at, family_expires_at,"
        " used, revoked from refresh_token where digest = :d",
        soci::use(digest)};
    for (auto const& r : rows)
        return core::refresh_token_record{
            text_at(r, 0),
            text_at(r, 1),
            opt_text_at(r, 2),
            text_at(r, 3),
            int64_at(r, 4),
            int64_at(r, 5),
            int64_at(r, 6),
            int_at(r, 7) != 0,
            int_at(r, 8) != 0};
    return std::nullopt;
}

void account_repository::mark_refresh_used(std::string const& digest)
{
    sql_ << "update refresh_token set used = 1 where digest = :d", soci::use(digest);
}

void account_repository::revoke_family(std::string const& family_id)
{
    sql_ << "update refresh_token set revoked = 1 where family_id = :f", soci::use(family_id);
    sql_ << "update access_token set revoked = 1 where family_id = :f", soci::use(family_id);
}

void account_repository::revoke_tokens(
    std::string const& account_id, std::optional<std::string> const& device_id
)
{
    std::string const dev = device_id.value_or("");
    sql_ << "update refresh_token set revoked = 1 where account_id = :a and (:d1 = '' or device_id = :d2)",
        soci::use(account_id), soci::use(dev), soci::use(dev);
    sql_ << "update access_token set revoked = 1 where account_id = :a and (:d1 = '' or device_id = :d2)",
        soci::use(account_id), soci::use(dev), soci::use(dev);
}

bool account_repository::insert_device(core::device const& d)
{
    long long const at = d.registered_at;
    soci::statement st =
        (sql_.prepare << "insert into device (id, organisation_id, account_id, name, platform, registered_at)"
                         " values (:id, :o, :a, :n, :p, :t) on conflict do nothing",
         soci::use(d.id),
         soci::use(d.organisation_id),
         soci::use(d.account_id),
         soci::use(d.name),
         soci::use(d.platform),
         soci::use(at));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<core::device> account_repository::find_device(std::string const& id)
{
    query_rows rows{sql_, std::string(device_columns) + " where id = :id", soci::use(id)};
    for (auto const& r : rows)
        return to_device(r);
    return std::nullopt;
}

std::vector<core::device> account_repository::devices_of(std::string const& account_id)
{
    std::vector<core::device> out;
    query_rows rows{
        sql_,
        std::string(device_columns) + " where account_id = :a order by registered_at, id",
        soci::use(account_id)};
    for (auto const& r : rows)
        out.push_back(to_device(r));
    return out;
}

void account_repository::update_device(core::device const& d)
{
    nullable_int64 revoked{d.revoked_at};
    nullable_int64 wipe{d.wipe_requested_at};
    sql_ << "update device set name = :n, revoked_at = :r, wipe_requested_at = :w where id = :id",
        soci::use(d.name), soci::use(revoked.value, revoked.ind), soci::use(wipe.value, wipe.ind),
        soci::use(d.id);
}

} // namespace kompetens::storage
