// Local login with an argon2id password, bearer access tokens, logout, and who-am-I.
#include "server/core/auth_service.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json/array.hpp>

namespace kompetens::http {

namespace {

boost::json::object principal_json(core::principal const& p)
{
    boost::json::array roles;
    for (unsigned bit = 1; bit <= static_cast<unsigned>(core::role::system); bit <<= 1)
        if ((p.roles & bit) != 0)
            roles.emplace_back(core::role_name(static_cast<core::role>(bit)));
    boost::json::object o{
        {"account_id", p.account_id}, {"organisation_id", p.organisation_id}, {"roles", std::move(roles)}};
    if (p.employee_id)
        o["employee_id"] = *p.employee_id;
    else
        o["employee_id"] = nullptr;
    return o;
}

response login(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    auto const username = f.text("username");
    auto const password = f.text("password");
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write};
    auto t =
        core::auth_service{uow.accounts(), ctx.svc.clock, ctx.svc.access_token_ttl}.login(username, password);
    if (!t)
        return error_response(ctx, t.error());
    uow.commit();
    auto o = principal_json(t->who);
    o["access_token"] = t->access_token;
    o["token_type"] = "Bearer";
    o["expires_at"] = t->expires_at;
    auto r = json_response(200, o);
    r.set("Cache-Control", "no-store");
    return r;
}

response logout(request_context& ctx)
{
    auto const h = ctx.req.header("Authorization");
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write};
    core::auth_service{uow.accounts(), ctx.svc.clock, ctx.svc.access_token_ttl}.logout(std::string(h.substr(7)
    ));
    uow.commit();
    response r;
    r.status = 204;
    return r;
}

response me(request_context& ctx)
{
    return json_response(200, principal_json(ctx.who()));
}

} // namespace

std::vector<route> auth_routes()
{
    return {
        {"POST", "/api/v1/auth/login", access_rule::anyone(), &login, true, limits::auth_body},
        {"POST", "/api/v1/auth/logout", access_rule::signed_in(), &logout, true, limits::no_body},
        {"GET", "/api/v1/me", access_rule::signed_in(), &me, true, limits::no_body},
    };
}

} // namespace kompetens::http
