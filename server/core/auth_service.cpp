#include "server/core/auth_service.hpp"

#include "server/core/calendar.hpp"
#include "server/core/credentials.hpp"
#include "server/core/ids.hpp"

namespace kompetens::core {

namespace {
failure unauthenticated(std::string detail)
{
    return failure{errc::unauthenticated, "", std::move(detail)};
}
failure bad_token()
{
    return unauthenticated("the token is not valid");
}

// A fixed hash to verify against when the username is unknown, so both failures cost the same time.
std::string const& decoy_hash()
{
    static std::string const h = hash_password("kompetens-decoy-password");
    return h;
}
} // namespace

void auth_service::record(
    std::string const& org,
    std::string const& actor,
    std::string const& device,
    std::string action,
    std::string entity_type,
    std::string entity_id
)
{
    audit_event e;
    e.organisation_id = org;
    e.occurred_at = clock_.now();
    e.actor_account_id = actor;
    e.device_id = device;
    e.action = std::move(action);
    e.entity_type = std::move(entity_type);
    e.entity_id = std::move(entity_id);
    audit_.append(e);
}

issued_tokens auth_service::issue(
    account const& a,
    std::optional<std::string> const& device_id,
    std::string const& family,
    millis family_expires
)
{
    auto const now = clock_.now();
    issued_tokens t;
    t.access_token = new_token();
    t.access_expires_at = now + policy_.access_ttl;
    t.refresh_token = new_token();
    t.refresh_expires_at = std::min(now + policy_.refresh_idle, family_expires);
    t.who = principal{a.id, a.organisation_id, a.employee_id, a.roles, device_id};
    store_.insert_access_token(access_token_record{
        token_digest(t.access_token), a.id, now, t.access_expires_at, false, device_id, family});
    store_.insert_refresh_token(refresh_token_record{
        token_digest(t.refresh_token),
        a.id,
        device_id,
        family,
        now,
        t.refresh_expires_at,
        family_expires,
        false,
        false});
    return t;
}

result<issued_tokens> auth_service::login(
    std::string const& username, std::string const& password, std::optional<std::string> const& device_id
)
{
    if (username.empty() || username.size() > 200)
        return invalid("/username", "is required and at most 200 bytes");
    if (password.empty() || password.size() > 1024)
        return invalid("/password", "is required and at most 1024 bytes");
    auto const now = clock_.now();
    auto a = store_.find_account_by_username(username);
    if (!a)
    {
        verify_password(decoy_hash(), password);
        return unauthenticated("unknown username or wrong password");
    }
    if (a->locked_until > now)
    {
        record(a->organisation_id, a->id, "", "auth.login_locked", "account", a->id);
        return failure{errc::too_many_requests, "", "too many failed attempts; try again later"};
    }
    if (!verify_password(a->password_hash, password))
    {
        int const failed = a->failed_logins + 1;
        bool const lock = failed >= policy_.max_failed_logins;
        store_.set_login_state(a->id, lock ? 0 : failed, lock ? now + policy_.lockout : 0);
        record(a->organisation_id, a->id, "", lock ? "auth.locked" : "auth.login_failed", "account", a->id);
        return unauthenticated("unknown username or wrong password");
    }
    if (a->disabled || (a->employee_id && !store_.employment_active(*a->employee_id, stockholm_today(now))))
    {
        record(a->organisation_id, a->id, "", "auth.login_refused", "account", a->id);
        return unauthenticated("unknown username or wrong password");
    }
    if (device_id)
    {
        auto d = store_.find_device(*device_id);
        if (!d || d->account_id != a->id || d->revoked_at)
            return unauthenticated("this device is not registered to this account");
    }
    if (a->failed_logins != 0 || a->locked_until != 0)
        store_.set_login_state(a->id, 0, 0);
    record(a->organisation_id, a->id, device_id.value_or(""), "auth.login", "account", a->id);
    return issue(*a, device_id, new_uuid_v7(now), now + policy_.refresh_absolute);
}

result<issued_tokens>
auth_service::refresh(std::string const& token, std::optional<std::string> const& device_id)
{
    if (token.size() != 43)
        return bad_token();
    auto const now = clock_.now();
    auto const digest = token_digest(token);
    auto r = store_.find_refresh_token(digest);
    if (!r || r->revoked)
        return bad_token();
    auto a = store_.find_account(r->account_id);
    if (!a)
        return bad_token();
    if (r->used)
    {
        // A spent refresh token came back: someone holds a copy. End every session of this family.
        store_.revoke_family(r->family_id);
        record(a->organisation_id, a->id, r->device_id.value_or(""), "auth.refresh_reuse", "account", a->id);
        return unauthenticated("the refresh token was already used; sign in again");
    }
    if (r->expires_at <= now || r->family_expires_at <= now)
        return bad_token();
    if (r->device_id != device_id)
        return unauthenticated("the refresh token belongs to another device");
    if (r->device_id)
    {
        auto d = store_.find_device(*r->device_id);
        if (!d || d->revoked_at)
            return bad_token();
    }
    if (a->disabled || (a->employee_id && !store_.employment_active(*a->employee_id, stockholm_today(now))))
        return bad_token();
    store_.mark_refresh_used(digest);
    return issue(*a, r->device_id, r->family_id, r->family_expires_at);
}

result<principal> auth_service::authenticate(std::string const& token)
{
    if (token.size() != 43)
        return bad_token();
    auto const now = clock_.now();
    auto s = store_.find_token_session(token_digest(token), stockholm_today(now));
    if (!s || s->token.revoked || s->token.expires_at <= now || s->disabled)
        return bad_token();
    // Sessions end with the employment: a person who has left keeps no access, whatever their token says.
    if (!s->employment_active)
        return bad_token();
    // A token bound to a phone dies with the phone's registration (revoked, or gone).
    if (!s->device_active)
        return bad_token();
    return principal{s->token.account_id, s->organisation_id, s->employee_id, s->roles, s->token.device_id};
}

void auth_service::logout(principal const& p, std::string const& token)
{
    if (auto rec = store_.find_access_token(token_digest(token)))
        store_.revoke_family(rec->family_id);
    record(p.organisation_id, p.account_id, p.device_id.value_or(""), "auth.logout", "account", p.account_id);
}

result<account>
auth_service::create_account(account draft, std::string const& password, std::string const& actor)
{
    if (draft.username.empty() || draft.username.size() > 200)
        return invalid("/username", "is required and at most 200 bytes");
    if (password.size() < 12)
        return invalid("/password", "must be at least 12 characters");
    if (password.size() > 1024)
        return invalid("/password", "must be at most 1024 bytes");
    if (draft.roles == 0)
        return invalid("/roles", "must name at least one role");
    draft.created_at = clock_.now();
    draft.id = new_uuid_v7(draft.created_at);
    draft.password_hash = hash_password(password);
    if (!store_.insert_account(draft))
        return failure{errc::conflict, "/username", "the username is taken"};
    record(draft.organisation_id, actor, "", "account.create", "account", draft.id);
    return draft;
}

result<account> auth_service::disable_account(principal const& by, std::string const& account_id)
{
    if (!by.has(role::admin))
        return failure{errc::forbidden, "", "only an administrator disables accounts"};
    auto a = is_uuid(account_id) ? store_.find_account(account_id) : std::nullopt;
    if (!a || a->organisation_id != by.organisation_id)
        return failure{errc::not_found, "", "no such account"};
    if (a->id == by.account_id)
        return failure{errc::conflict, "", "an administrator cannot disable their own account"};
    store_.set_disabled(a->id, true);
    store_.revoke_tokens(a->id, std::nullopt);
    a->disabled = true;
    record(by.organisation_id, by.account_id, by.device_id.value_or(""), "account.disable", "account", a->id);
    return *a;
}

result<issued_tokens> auth_service::register_device(principal const& p, device draft)
{
    if (!is_uuid(draft.id))
        return invalid("/device_id", "must be a UUID minted by the phone");
    if (draft.name.size() > 100)
        return invalid("/name", "is longer than 100 bytes");
    if (draft.platform != "android" && draft.platform != "ios" && draft.platform != "other")
        return invalid("/platform", "must be one of android, ios, other");
    auto const now = clock_.now();
    if (auto existing = store_.find_device(draft.id))
    {
        // The same phone again (a reinstall) is fine; a phone of someone else, or one revoked, is not.
        if (existing->account_id != p.account_id || existing->revoked_at)
            return failure{errc::conflict, "/device_id", "this device id is taken; mint a new one"};
    }
    else
    {
        draft.organisation_id = p.organisation_id;
        draft.account_id = p.account_id;
        draft.registered_at = now;
        draft.revoked_at.reset();
        draft.wipe_requested_at.reset();
        if (!store_.insert_device(draft))
            return failure{errc::conflict, "/device_id", "this device id is taken; mint a new one"};
        record(p.organisation_id, p.account_id, draft.id, "device.register", "device", draft.id);
    }
    auto a = store_.find_account(p.account_id);
    if (!a)
        return bad_token();
    return issue(*a, draft.id, new_uuid_v7(now), now + policy_.refresh_absolute);
}

result<std::vector<device>>
auth_service::list_devices(principal const& p, std::optional<std::string> const& account_id)
{
    if (!account_id || *account_id == p.account_id)
        return store_.devices_of(p.account_id);
    if (!p.has(role::admin))
        return failure{errc::forbidden, "", "only an administrator lists other people's devices"};
    auto a = is_uuid(*account_id) ? store_.find_account(*account_id) : std::nullopt;
    if (!a || a->organisation_id != p.organisation_id)
        return failure{errc::not_found, "", "no such account"};
    return store_.devices_of(a->id);
}

result<device> auth_service::own_device(principal const& p, std::string const& device_id)
{
    auto d = is_uuid(device_id) ? store_.find_device(device_id) : std::nullopt;
    if (!d || d->organisation_id != p.organisation_id)
        return failure{errc::not_found, "", "no such device"};
    if (d->account_id != p.account_id && !p.has(role::admin))
        return failure{errc::not_found, "", "no such device"};
    return *d;
}

result<device> auth_service::revoke_device(principal const& p, std::string const& device_id)
{
    auto d = own_device(p, device_id);
    if (!d)
        return d;
    if (!d->revoked_at)
    {
        d->revoked_at = clock_.now();
        store_.update_device(*d);
        store_.revoke_tokens(d->account_id, d->id);
        record(p.organisation_id, p.account_id, p.device_id.value_or(""), "device.revoke", "device", d->id);
    }
    return d;
}

result<device> auth_service::request_wipe(principal const& p, std::string const& device_id)
{
    auto d = own_device(p, device_id);
    if (!d)
        return d;
    if (!d->wipe_requested_at)
    {
        d->wipe_requested_at = clock_.now();
        store_.update_device(*d);
        record(
            p.organisation_id,
            p.account_id,
            p.device_id.value_or(""),
            "device.wipe_requested",
            "device",
            d->id
        );
    }
    return d;
}

} // namespace kompetens::core
