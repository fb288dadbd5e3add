// Extended careers over REST: a person's LAS date and target retirement age (HR and the person only).
#include "server/core/career_service.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json.hpp>

namespace kompetens::http {

namespace {

response get_career(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r =
        core::career_service{uow.directory(), uow.audit(), ctx.svc.clock}.get(ctx.who(), ctx.param("id"));
    if (!r)
        return error_response(ctx, r.error());
    uow.commit(); // the audit entry of an HR read
    return json_response(
        200,
        boost::json::object{
            {"employee_id", r->employee_id},
            {"birth_date", opt(r->birth_date)},
            {"las_age", r->las_age},
            {"las_date", opt(r->las_date)},
            {"target_retirement_age", opt(r->target_retirement_age)},
            {"target_retirement_date", opt(r->target_retirement_date)}}
    );
}

} // namespace

std::vector<route> career_routes()
{
    return {
        {"GET",
         "/api/v1/employees/{id}/career",
         access_rule::signed_in(),
         &get_career,
         true,
         limits::no_body},
    };
}

} // namespace kompetens::http
