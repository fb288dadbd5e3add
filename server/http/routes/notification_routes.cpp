// The caller's notifications: reminders and notices from the outbox, newest first, and marking one read.
// Phones get the same rows through sync; this is the online view.
#include "server/core/ids.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json/array.hpp>

namespace kompetens::http {

namespace {

using namespace kompetens::wire;

response my_notifications(request_context& ctx)
{
    auto limit = page_from_query_limit_only(ctx);
    if (!limit)
        return error_response(ctx, limit.error());
    boost::json::array items;
    if (auto const& me = ctx.who().employee_id) // an account without an employee (an operator) has none
    {
        storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
        for (auto const& n : uow.notifications().for_recipient(ctx.who().organisation_id, *me, *limit))
            items.push_back(notification_json(n));
    }
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

response mark_read(request_context& ctx)
{
    auto const& id = ctx.param("id");
    auto const& me = ctx.who().employee_id;
    if (!me || !core::is_uuid(id))
        return error_response(ctx, core::not_found("notification"));
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    // Someone else's notification is not found, the same as one that does not exist.
    if (!uow.notifications().mark_read(ctx.who().organisation_id, *me, id, ctx.svc.clock.now()))
        return error_response(ctx, core::not_found("notification"));
    uow.commit();
    response r;
    r.status = 204;
    return r;
}

} // namespace

std::vector<route> notification_routes()
{
    auto const any = access_rule::signed_in();
    return {
        {"GET", "/api/v1/me/notifications", any, &my_notifications, true, limits::no_body},
        {"POST", "/api/v1/me/notifications/{id}/read", any, &mark_read, true, limits::no_body},
    };
}

} // namespace kompetens::http
