// Liveness, readiness and metrics: what an orchestrator and Prometheus call.
#include "server/http/handler_support.hpp"
#include "server/http/metrics.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/database.hpp"
#include "server/storage/migrator.hpp"

#include <boost/json/object.hpp>

namespace kompetens::http {

namespace {

// The process answers: nothing else is checked, so a database blip never gets the process restarted.
response healthz(request_context&)
{
    return json_response(200, boost::json::object{{"status", "ok"}});
}

// Ready to take traffic: not draining, the database answers and its schema is the one this binary knows.
response readyz(request_context& ctx)
{
    auto not_ready = [&](std::string detail) {
        return error_response(ctx, core::failure{core::errc::database_unavailable, "", std::move(detail)});
    };
    if (ctx.svc.draining.load())
        return not_ready("the server is shutting down");
    if (!ctx.svc.db.ping())
        return not_ready("the database is not reachable");
    auto const st = storage::migrator{ctx.svc.db}.status();
    if (!st.current())
        return not_ready(
            "the database schema is at version " + std::to_string(st.applied) + ", expected " +
            std::to_string(st.known)
        );
    return json_response(200, boost::json::object{{"status", "ready"}, {"schema_version", st.applied}});
}

response metrics_text(request_context& ctx)
{
    response r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = ctx.svc.stats.render(
        ctx.svc.db.in_use(),
        ctx.svc.db.waiting(),
        static_cast<int>(ctx.svc.db.pool_size()),
        ctx.svc.db_queue.load()
    );
    return r;
}

} // namespace

std::vector<route> system_routes()
{
    return {
        {"GET", "/healthz", access_rule::anyone(), &healthz, false, limits::no_body},
        {"GET", "/readyz", access_rule::anyone(), &readyz, true, limits::no_body},
        // Operational data only (counts by route template, no ids): scraped from loopback or behind the
        // proxy.
        {"GET", "/metrics", access_rule::anyone(), &metrics_text, false, limits::no_body},
    };
}

} // namespace kompetens::http
