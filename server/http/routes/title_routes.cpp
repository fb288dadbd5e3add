// The protected title undersköterska over REST: a person's status as it counts today (who may read the
// person may read it), HR's changes with evidence and If-Match, and the transition report (JSON or CSV).
#include "server/core/special_role_service.hpp"
#include "server/core/title_service.hpp"
#include "server/http/csv.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json.hpp>

namespace kompetens::http {

namespace {

response title_response(core::title_view const& v)
{
    auto const& t = v.stored;
    boost::json::object o{
        {"employee_id", t.employee_id},
        {"status", t.status},
        {"effective_status", v.effective},
        {"may_use_title", v.may_use_title},
        {"transitional_right", !t.transitional_evidence.empty()},
        {"transitional_right_ends", std::string(core::transitional_right_ends)},
        {"evidence", t.evidence},
        {"decided_on", t.decided_on ? boost::json::value(*t.decided_on) : boost::json::value(nullptr)},
        {"version", t.version}};
    auto r = json_response(200, o);
    set_etag(r, t.version);
    return r;
}

response get_title(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = core::title_service{uow.directory(), uow.titles(), uow.audit(), ctx.svc.clock}.get(
        ctx.who(), ctx.param("id")
    );
    return r ? title_response(*r) : error_response(ctx, r.error());
}

response put_title(request_context& ctx)
{
    auto expected = if_match_version(ctx);
    if (!expected)
        return error_response(ctx, expected.error());
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::title_status t;
    t.employee_id = ctx.param("id");
    t.status = f.text("status");
    t.evidence = f.optional_text("evidence").value_or("");
    t.decided_on = f.optional_text("decided_on");
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = core::title_service{uow.directory(), uow.titles(), uow.audit(), ctx.svc.clock}.set(
        ctx.who(), std::move(t), *expected
    );
    if (!r)
        return error_response(ctx, r.error());
    // A care contact whose title no longer counts is at risk from this moment, not from the next sweep.
    core::special_role_service{uow.role_ports(), ctx.svc.clock}.recheck(
        ctx.who().organisation_id, r->stored.employee_id
    );
    uow.commit();
    return title_response(*r);
}

response transition_report(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = core::title_service{uow.directory(), uow.titles(), uow.audit(), ctx.svc.clock}.transition_report(
        ctx.who()
    );
    if (!r)
        return error_response(ctx, r.error());
    if (wants_csv(ctx.req.query()))
    {
        std::vector<std::vector<std::string>> rows;
        for (auto const& row : *r)
            rows.push_back(
                {row.employee_id,
                 row.status,
                 row.right_ended ? "true" : "false",
                 std::to_string(row.days_left)}
            );
        return csv_response(
            {"employee_id", "status", "right_ended", "days_left"}, rows, "title-transition.csv"
        );
    }
    boost::json::array items;
    for (auto const& row : *r)
        items.push_back(boost::json::object{
            {"employee_id", row.employee_id},
            {"status", row.status},
            {"right_ended", row.right_ended},
            {"days_left", row.days_left}});
    return json_response(
        200,
        boost::json::object{
            {"transitional_right_ends", std::string(core::transitional_right_ends)},
            {"items", std::move(items)}}
    );
}

} // namespace

std::vector<route> title_routes()
{
    auto const any = access_rule::signed_in();
    auto const keepers = access_rule::roles(core::role::hr | core::role::admin);
    return {
        {"GET", "/api/v1/employees/{id}/title", any, &get_title, true, limits::no_body},
        {"PUT", "/api/v1/employees/{id}/title", keepers, &put_title},
        {"GET", "/api/v1/reports/title-transition", keepers, &transition_report, true, limits::no_body},
    };
}

} // namespace kompetens::http
