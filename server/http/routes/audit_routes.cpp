// The audit trail for the medical lead (MAS) and administrators: query it, and check that it is intact.
#include "server/core/access_policy.hpp"
#include "server/core/audit.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json/array.hpp>

#include <charconv>

namespace kompetens::http {

namespace {

using core::role;

boost::json::object event_json(core::audit_event const& e)
{
    return {
        {"seq", e.seq},
        {"occurred_at", e.occurred_at},
        {"actor_account_id", e.actor_account_id},
        {"action", e.action},
        {"entity_type", e.entity_type},
        {"entity_id", e.entity_id},
        {"device_id", e.device_id},
        {"request_id", e.request_id},
        {"hash", e.hash}};
}

response query_audit(request_context& ctx)
{
    if (auto f = core::decide(ctx.who(), core::action::audit_read, ctx.who().organisation_id))
        return error_response(ctx, *f);
    core::audit_query q;
    q.entity_id = ctx.query("entity_id");
    q.actor_account_id = ctx.query("actor_account_id");
    q.action = ctx.query("action");
    if (auto v = ctx.query("after"))
    {
        long long n = 0;
        auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
        if (ec != std::errc{} || p != v->data() + v->size() || n < 0)
            return error_response(ctx, core::invalid("after", "must be a sequence number from this API"));
        q.after_seq = n;
    }
    auto pr = page_from_query_limit_only(ctx);
    if (!pr)
        return error_response(ctx, pr.error());
    q.limit = *pr;
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto events = uow.audit().query(ctx.who().organisation_id, q);
    core::record(
        uow.audit(), ctx.who(), ctx.svc.clock.now(), "audit.query", "audit", ctx.who().organisation_id
    );
    uow.commit();
    boost::json::array items;
    for (auto const& e : events)
        items.push_back(event_json(e));
    boost::json::object o{{"items", std::move(items)}};
    if (static_cast<int>(events.size()) == q.limit)
        o["next_cursor"] = std::to_string(events.back().seq);
    return json_response(200, o);
}

response verify_audit(request_context& ctx)
{
    if (auto f = core::decide(ctx.who(), core::action::audit_read, ctx.who().organisation_id))
        return error_response(ctx, *f);
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto const& org = ctx.who().organisation_id;
    auto const head = uow.audit().head(org);
    auto const report = core::verify_chain(uow.audit().chain(org), head);
    boost::json::object o{
        {"intact", report.intact},
        {"checked", report.checked},
        {"head", boost::json::object{{"seq", head.seq}, {"hash", head.hash}}}};
    if (!report.intact)
    {
        o["first_broken_seq"] = report.first_broken_seq;
        o["reason"] = report.reason;
    }
    return json_response(200, o);
}

} // namespace

std::vector<route> audit_routes()
{
    auto const readers = access_rule::roles(role::admin | role::medical_lead);
    return {
        {"GET", "/api/v1/audit", readers, &query_audit, true, limits::no_body},
        {"GET", "/api/v1/audit/verify", readers, &verify_audit, true, limits::no_body},
    };
}

} // namespace kompetens::http
