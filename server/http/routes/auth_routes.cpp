// Sign-in and sessions: login (argon2id password, throttled per address and per account), rotating
// refresh tokens, logout, who-am-I; devices bound to one user; account administration.
#include "server/core/access_policy.hpp"
#include "server/core/auth_service.hpp"
#include "server/core/directory_store.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json/array.hpp>

namespace kompetens::http {

namespace {

using core::role;

boost::json::array role_list(unsigned mask)
{
    boost::json::array roles;
    for (unsigned bit = 1; bit <= static_cast<unsigned>(role::system); bit <<= 1)
        if ((mask & bit) != 0)
            roles.emplace_back(core::role_name(static_cast<role>(bit)));
    return roles;
}

boost::json::object principal_json(core::principal const& p)
{
    boost::json::object o{
        {"account_id", p.account_id}, {"organisation_id", p.organisation_id}, {"roles", role_list(p.roles)}};
    o["employee_id"] = p.employee_id ? boost::json::value(*p.employee_id) : boost::json::value(nullptr);
    o["device_id"] = p.device_id ? boost::json::value(*p.device_id) : boost::json::value(nullptr);
    return o;
}

response tokens_response(int status, core::issued_tokens const& t)
{
    auto o = principal_json(t.who);
    o["access_token"] = t.access_token;
    o["token_type"] = "Bearer";
    o["expires_at"] = t.access_expires_at;
    o["refresh_token"] = t.refresh_token;
    o["refresh_expires_at"] = t.refresh_expires_at;
    auto r = json_response(status, o);
    r.set("Cache-Control", "no-store");
    return r;
}

boost::json::object device_json(core::device const& d)
{
    boost::json::object o{
        {"id", d.id},
        {"account_id", d.account_id},
        {"name", d.name},
        {"platform", d.platform},
        {"registered_at", d.registered_at}};
    o["revoked_at"] = d.revoked_at ? boost::json::value(*d.revoked_at) : boost::json::value(nullptr);
    o["wipe_requested_at"] =
        d.wipe_requested_at ? boost::json::value(*d.wipe_requested_at) : boost::json::value(nullptr);
    return o;
}

response refusal(request_context const& ctx, core::failure const& f)
{
    auto r = error_response(ctx, f);
    if (f.code == core::errc::too_many_requests)
        r.set("Retry-After", std::to_string(ctx.svc.auth.lockout / 1000));
    return r;
}

response login(request_context& ctx)
{
    if (int wait = ctx.svc.login_throttle.take(ctx.req.remote_address, ctx.svc.clock.now()); wait > 0)
    {
        auto r = error_response(
            ctx,
            core::failure{core::errc::too_many_requests, "", "too many sign-in attempts from this address"}
        );
        r.set("Retry-After", std::to_string(wait));
        return r;
    }
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    auto const username = f.text("username");
    auto const password = f.text("password");
    auto const device = f.optional_text("device_id");
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto t = core::auth_service{uow.accounts(), uow.audit(), ctx.svc.clock, ctx.svc.auth}.login(
        username, password, device
    );
    uow.commit(); // a failed attempt is counted and audited too
    if (!t)
        return refusal(ctx, t.error());
    return tokens_response(200, *t);
}

response refresh(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    auto const token = f.text("refresh_token");
    auto const device = f.optional_text("device_id");
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto t =
        core::auth_service{uow.accounts(), uow.audit(), ctx.svc.clock, ctx.svc.auth}.refresh(token, device);
    uow.commit(); // a detected reuse revokes the family even though this call fails
    if (!t)
        return error_response(ctx, t.error());
    return tokens_response(200, *t);
}

response logout(request_context& ctx)
{
    auto const h = ctx.req.header("Authorization");
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    core::auth_service{uow.accounts(), uow.audit(), ctx.svc.clock, ctx.svc.auth}.logout(
        ctx.who(), std::string(h.substr(7))
    );
    uow.commit();
    response r;
    r.status = 204;
    return r;
}

response me(request_context& ctx)
{
    return json_response(200, principal_json(ctx.who()));
}

response register_device(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::device d;
    d.id = f.text("device_id");
    d.name = f.optional_text("name").value_or("");
    d.platform = f.text("platform");
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto t = core::auth_service{uow.accounts(), uow.audit(), ctx.svc.clock, ctx.svc.auth}.register_device(
        ctx.who(), d
    );
    if (!t)
        return error_response(ctx, t.error());
    uow.commit();
    return tokens_response(201, *t);
}

response list_devices(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = core::auth_service{uow.accounts(), uow.audit(), ctx.svc.clock, ctx.svc.auth}.list_devices(
        ctx.who(), ctx.query("account_id")
    );
    if (!r)
        return error_response(ctx, r.error());
    boost::json::array items;
    for (auto const& d : *r)
        items.push_back(device_json(d));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

template <class Op> response device_change(request_context& ctx, Op op)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    core::auth_service svc{uow.accounts(), uow.audit(), ctx.svc.clock, ctx.svc.auth};
    core::result<core::device> r = op(svc);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(200, device_json(*r));
}

response revoke_device(request_context& ctx)
{
    return device_change(ctx, [&](auto& svc) { return svc.revoke_device(ctx.who(), ctx.param("id")); });
}

response wipe_device(request_context& ctx)
{
    return device_change(ctx, [&](auto& svc) { return svc.request_wipe(ctx.who(), ctx.param("id")); });
}

boost::json::object account_json(core::account const& a)
{
    boost::json::object o{
        {"id", a.id},
        {"organisation_id", a.organisation_id},
        {"username", a.username},
        {"roles", role_list(a.roles)},
        {"disabled", a.disabled},
        {"created_at", a.created_at}};
    o["employee_id"] = a.employee_id ? boost::json::value(*a.employee_id) : boost::json::value(nullptr);
    return o;
}

response list_accounts(request_context& ctx)
{
    if (auto f = core::decide(ctx.who(), core::action::account_admin, ctx.who().organisation_id))
        return error_response(ctx, *f);
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    boost::json::array items;
    for (auto const& a : uow.accounts().accounts_of(ctx.who().organisation_id))
        items.push_back(account_json(a));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

response create_account(request_context& ctx)
{
    if (auto f = core::decide(ctx.who(), core::action::account_admin, ctx.who().organisation_id))
        return error_response(ctx, *f);
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::account a;
    a.organisation_id = ctx.who().organisation_id;
    a.username = f.text("username");
    auto const password = f.text("password");
    a.employee_id = f.optional_text("employee_id");
    auto const roles = f.optional_text_array("roles");
    if (f.error())
        return error_response(ctx, *f.error());
    if (!roles || roles->empty())
        return error_response(ctx, core::invalid("/roles", "must name at least one role"));
    for (std::size_t i = 0; i < roles->size(); ++i)
    {
        auto r = core::parse_role((*roles)[i]);
        // Nobody grants the installation operator's role through the API.
        if (!r || *r == role::system)
            return error_response(
                ctx, core::invalid("/roles/" + std::to_string(i), "is not a role an administrator can grant")
            );
        a.roles |= static_cast<unsigned>(*r);
    }
    return idempotent_create(ctx, "accounts.create", [&](storage::unit_of_work& uow) {
        if (a.employee_id && !uow.directory().find_employee(a.organisation_id, *a.employee_id))
            return error_response(
                ctx, core::invalid("/employee_id", "no such employee in this organisation")
            );
        auto made =
            core::auth_service{uow.accounts(), uow.audit(), ctx.svc.clock, ctx.svc.auth}.create_account(
                a, password, ctx.who().account_id
            );
        if (!made)
            return error_response(ctx, made.error());
        return json_response(201, account_json(*made));
    });
}

response disable_account(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = core::auth_service{uow.accounts(), uow.audit(), ctx.svc.clock, ctx.svc.auth}.disable_account(
        ctx.who(), ctx.param("id")
    );
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(200, account_json(*r));
}

} // namespace

std::vector<route> auth_routes()
{
    auto const any = access_rule::signed_in();
    auto const admin = access_rule::roles(static_cast<unsigned>(role::admin));
    return {
        {"POST", "/api/v1/auth/login", access_rule::anyone(), &login, true, limits::auth_body},
        // The refresh token in the body is the credential.
        {"POST", "/api/v1/auth/refresh", access_rule::anyone(), &refresh, true, limits::auth_body},
        {"POST", "/api/v1/auth/logout", any, &logout, true, limits::no_body},
        {"GET", "/api/v1/me", any, &me, true, limits::no_body},
        {"POST", "/api/v1/devices", any, &register_device, true, limits::auth_body},
        {"GET", "/api/v1/devices", any, &list_devices, true, limits::no_body},
        {"POST", "/api/v1/devices/{id}/revoke", any, &revoke_device, true, limits::no_body},
        {"POST", "/api/v1/devices/{id}/wipe", any, &wipe_device, true, limits::no_body},
        {"GET", "/api/v1/accounts", admin, &list_accounts, true, limits::no_body},
        {"POST", "/api/v1/accounts", admin, &create_account, true, limits::auth_body},
        {"POST", "/api/v1/accounts/{id}/disable", admin, &disable_account, true, limits::no_body},
    };
}

} // namespace kompetens::http
