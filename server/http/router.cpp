#include "server/http/router.hpp"

#include "server/core/auth_service.hpp"
#include "server/core/log.hpp"
#include "server/http/problem.hpp"
#include "server/storage/database.hpp"
#include "server/storage/unit_of_work.hpp"

namespace kompetens::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < path.size())
    {
        if (path[i] == '/')
        {
            ++i;
            continue;
        }
        auto const j = path.find('/', i);
        auto const end = j == std::string_view::npos ? path.size() : j;
        out.push_back(path.substr(i, end - i));
        i = end;
    }
    return out;
}

bool match_template(
    std::string_view tmpl, std::string_view path, std::vector<std::pair<std::string, std::string>>& params
)
{
    auto const t = split_path(tmpl);
    auto const p = split_path(path);
    // A trailing slash is another resource: "/api/v1/units/" is not "/api/v1/units".
    if (t.size() != p.size() || (path.size() > 1 && path.back() == '/'))
        return false;
    params.clear();
    for (std::size_t i = 0; i < t.size(); ++i)
    {
        if (t[i].size() > 2 && t[i].front() == '{' && t[i].back() == '}')
            params.emplace_back(std::string(t[i].substr(1, t[i].size() - 2)), std::string(p[i]));
        else if (t[i] != p[i])
            return false;
    }
    return true;
}

std::optional<std::string> bearer_token(request const& req)
{
    auto const h = req.header("Authorization");
    constexpr std::string_view prefix = "Bearer ";
    if (h.size() <= prefix.size() || !iequals(h.substr(0, prefix.size()), prefix))
        return std::nullopt;
    return std::string(h.substr(prefix.size()));
}

} // namespace

router::router(std::vector<route> routes) : routes_(std::move(routes)) {}

router::match_result router::match(std::string_view method, std::string_view path) const
{
    match_result m;
    std::vector<std::pair<std::string, std::string>> params;
    for (auto const& r : routes_)
    {
        if (!match_template(r.path, path, params))
            continue;
        if (r.method == method)
        {
            m.found = &r;
            m.params = std::move(params);
            m.allow.clear();
            return m;
        }
        if (m.allow.find(r.method) == std::string::npos)
        {
            if (!m.allow.empty())
                m.allow += ", ";
            m.allow += r.method;
        }
    }
    return m;
}

response router::unmatched(match_result const& m, std::string_view request_id)
{
    if (m.allow.empty())
        return problem(core::failure{core::errc::not_found, "", "no such resource"}, request_id);
    auto r = problem(core::failure{core::errc::method_not_allowed, "", "allowed: " + m.allow}, request_id);
    r.set("Allow", m.allow);
    return r;
}

response router::run(route const& r, request_context& ctx) const
{
    try
    {
        if (r.access.authenticated)
        {
            auto token = bearer_token(ctx.req);
            if (!token)
                return problem(
                    core::failure{core::errc::unauthenticated, "", "a bearer token is required"},
                    ctx.request_id
                );
            core::result<core::principal> who = [&] {
                storage::unit_of_work uow{ctx.svc.db, storage::access_mode::single_read, ctx.request_id};
                return core::auth_service{uow.accounts(), uow.audit(), ctx.svc.clock, ctx.svc.auth}
                    .authenticate(*token);
            }();
            if (!who)
                return problem(who.error(), ctx.request_id);
            if (r.access.any_role != 0 && !who->has_any(r.access.any_role))
                return problem(
                    core::failure{core::errc::forbidden, "", "your roles do not allow this"}, ctx.request_id
                );
            ctx.principal = std::move(*who);
        }
        return r.handler(ctx);
    }
    catch (storage::database_unavailable const& e)
    {
        core::log::warning(
            "http", "rid=" + ctx.request_id + " database unavailable: " + storage::database::loggable(e)
        );
        return problem(
            core::failure{core::errc::database_unavailable, "", "the database is not reachable"},
            ctx.request_id
        );
    }
    catch (std::exception const& e)
    {
        // A lost connection shows up as a driver error in the middle of a query: tell the client to retry
        // rather than report a server bug.
        if (!ctx.svc.db.ping())
        {
            core::log::warning("http", "rid=" + ctx.request_id + " database lost during request");
            return problem(
                core::failure{core::errc::database_unavailable, "", "the database is not reachable"},
                ctx.request_id
            );
        }
        core::log::error(
            "http", "rid=" + ctx.request_id + " unhandled exception: " + storage::database::loggable(e)
        );
        return problem(core::failure{core::errc::internal, "", "an internal error occurred"}, ctx.request_id);
    }
}

} // namespace kompetens::http
