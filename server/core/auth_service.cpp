#include "server/core/auth_service.hpp"

#include "server/core/credentials.hpp"
#include "server/core/ids.hpp"

namespace kompetens::core {

namespace {
failure unauthenticated(std::string detail)
{
    return failure{errc::unauthenticated, "", std::move(detail)};
}

principal principal_of(account const& a)
{
    return principal{a.id, a.organisation_id, a.employee_id, a.roles};
}

// A fixed hash to verify against when the username is unknown, so both failures cost the same time.
std::string const& decoy_hash()
{
    static std::string const h = hash_password("kompetens-decoy-password");
    return h;
}
} // namespace

result<issued_token> auth_service::login(std::string const& username, std::string const& password)
{
    if (username.empty() || username.size() > 200)
        return invalid("/username", "is required and at most 200 bytes");
    if (password.empty() || password.size() > 1024)
        return invalid("/password", "is required and at most 1024 bytes");
    auto a = store_.find_account_by_username(username);
    bool const ok =
        a ? verify_password(a->password_hash, password) : (verify_password(decoy_hash(), password), false);
    if (!ok || a->disabled)
        return unauthenticated("unknown username or wrong password");
    issued_token t;
    t.access_token = new_token();
    auto const now = clock_.now();
    t.expires_at = now + token_ttl_;
    t.who = principal_of(*a);
    store_.insert_access_token(access_token_record{
        token_digest(t.access_token), a->id, now, t.expires_at, false});
    return t;
}

result<principal> auth_service::authenticate(std::string const& token)
{
    if (token.size() != 43)
        return unauthenticated("the access token is not valid");
    auto rec = store_.find_access_token(token_digest(token));
    if (!rec || rec->revoked || rec->expires_at <= clock_.now())
        return unauthenticated("the access token is not valid");
    auto a = store_.find_account(rec->account_id);
    if (!a || a->disabled)
        return unauthenticated("the access token is not valid");
    return principal_of(*a);
}

void auth_service::logout(std::string const& token)
{
    store_.revoke_access_token(token_digest(token));
}

result<account> auth_service::create_account(account draft, std::string const& password)
{
    if (draft.username.empty() || draft.username.size() > 200)
        return invalid("/username", "is required and at most 200 bytes");
    if (password.size() < 12)
        return invalid("/password", "must be at least 12 characters");
    if (draft.roles == 0)
        return invalid("/roles", "must name at least one role");
    draft.created_at = clock_.now();
    draft.id = new_uuid_v7(draft.created_at);
    draft.password_hash = hash_password(password);
    if (!store_.insert_account(draft))
        return failure{errc::conflict, "/username", "the username is taken"};
    return draft;
}

} // namespace kompetens::core
