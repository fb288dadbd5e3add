// Extended careers over REST: a person's LAS date and target retirement age, and their senior plan (HR and
// the person only).
#include "server/core/career_service.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json.hpp>

namespace kompetens::http {

namespace {

core::career_service careers(request_context& ctx, storage::unit_of_work& uow)
{
    return {uow.directory(), uow.senior_plans(), uow.audit(), ctx.svc.clock};
}

boost::json::array measures_json(std::vector<core::senior_measure> const& list)
{
    boost::json::array out;
    for (auto const& m : list)
    {
        boost::json::object o{{"kind", m.kind}, {"from_date", opt(m.from_date)}, {"to_date", opt(m.to_date)}};
        o["fte"] =
            m.fte_per_mille ? boost::json::value(*m.fte_per_mille / 1000.0) : boost::json::value(nullptr);
        out.push_back(std::move(o));
    }
    return out;
}

response plan_response(core::senior_plan const& p)
{
    auto r = json_response(
        200,
        boost::json::object{
            {"employee_id", p.employee_id},
            {"wishes", measures_json(p.wishes)},
            {"agreed", measures_json(p.agreed)},
            {"planned_exit_on", opt(p.planned_exit_on)},
            {"review_on", opt(p.review_on)},
            {"version", p.version}}
    );
    set_etag(r, p.version);
    return r;
}

core::result<std::vector<core::senior_measure>>
measures_from(boost::json::value const* v, std::string const& at)
{
    std::vector<core::senior_measure> out;
    if (v == nullptr)
        return out;
    if (!v->is_array())
        return core::invalid(at, "must be an array");
    for (std::size_t i = 0; i < v->as_array().size(); ++i)
    {
        auto const field = at + "/" + std::to_string(i);
        auto const* o = v->as_array()[i].if_object();
        if (o == nullptr)
            return core::invalid(field, "must be an object with a kind");
        json_fields f{*o};
        core::senior_measure m{f.text("kind"), f.optional_text("from_date"), f.optional_text("to_date"), {}};
        auto const fte = f.optional_number("fte");
        if (f.error())
            return core::invalid(field + f.error()->field, f.error()->detail);
        if (fte)
            m.fte_per_mille = static_cast<int>(*fte * 1000 + 0.5);
        out.push_back(std::move(m));
    }
    return out;
}

response get_plan(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = careers(ctx, uow).plan(ctx.who(), ctx.param("id"));
    if (!r)
        return error_response(ctx, r.error());
    uow.commit(); // the audit entry of an HR read
    return plan_response(*r);
}

response put_plan(request_context& ctx)
{
    auto expected = if_match_version(ctx);
    if (!expected)
        return error_response(ctx, expected.error());
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::senior_plan plan;
    plan.employee_id = ctx.param("id");
    plan.planned_exit_on = f.optional_text("planned_exit_on");
    plan.review_on = f.optional_text("review_on");
    if (f.error())
        return error_response(ctx, *f.error());
    auto wishes = measures_from(body->if_contains("wishes"), "/wishes");
    if (!wishes)
        return error_response(ctx, wishes.error());
    auto agreed = measures_from(body->if_contains("agreed"), "/agreed");
    if (!agreed)
        return error_response(ctx, agreed.error());
    plan.wishes = std::move(*wishes);
    plan.agreed = std::move(*agreed);
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = careers(ctx, uow).save_plan(ctx.who(), std::move(plan), *expected);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return plan_response(*r);
}

response get_career(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = careers(ctx, uow).get(ctx.who(), ctx.param("id"));
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
        {"GET",
         "/api/v1/employees/{id}/senior-plan",
         access_rule::signed_in(),
         &get_plan,
         true,
         limits::no_body},
        {"PUT", "/api/v1/employees/{id}/senior-plan", access_rule::signed_in(), &put_plan},
    };
}

} // namespace kompetens::http
