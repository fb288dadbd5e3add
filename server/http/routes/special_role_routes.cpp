// Special roles over REST: the qualification rules (HR), giving and ending roles (the unit's managers, HR),
// a person's and a unit's roles, and the competence summary by gender (JSON or CSV).
#include "server/core/competence_summary.hpp"
#include "server/core/special_role_service.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json.hpp>

namespace kompetens::http {

namespace {

core::special_role_service roles_of(request_context& ctx, storage::unit_of_work& uow)
{
    return {uow.role_ports(), ctx.svc.clock};
}

boost::json::object rule_json(core::special_role_rule const& r)
{
    return {
        {"role", r.role},
        {"requires_title", r.requires_title},
        {"course_ids", wire::strings(r.course_ids)},
        {"language_skill", r.language_skill},
        {"language_level", opt(r.language_level)},
        {"version", r.version}};
}

response
list_response(core::result<std::vector<core::special_role_assignment>> const& r, request_context& ctx)
{
    if (!r)
        return error_response(ctx, r.error());
    boost::json::array items;
    for (auto const& a : *r)
        items.push_back(wire::special_role_json(a));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

response get_rules(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = roles_of(ctx, uow).rules(ctx.who());
    if (!r)
        return error_response(ctx, r.error());
    boost::json::array items;
    for (auto const& rule : *r)
        items.push_back(rule_json(rule));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

response put_rule(request_context& ctx)
{
    auto expected = if_match_version(ctx);
    if (!expected)
        return error_response(ctx, expected.error());
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::special_role_rule rule;
    rule.role = ctx.param("role");
    rule.course_ids = f.optional_text_array("course_ids").value_or(std::vector<std::string>{});
    rule.language_level = f.optional_text("language_level");
    rule.language_skill = f.optional_text("language_skill").value_or("overall");
    if (f.error())
        return error_response(ctx, *f.error());
    if (auto const* t = body->if_contains("requires_title"))
    {
        if (!t->is_bool())
            return error_response(ctx, core::invalid("/requires_title", "must be true or false"));
        rule.requires_title = t->as_bool();
    }
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = roles_of(ctx, uow).set_rule(ctx.who(), std::move(rule), *expected);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    auto res = json_response(200, rule_json(*r));
    set_etag(res, r->version);
    return res;
}

response person_roles(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_response(roles_of(ctx, uow).of_person(ctx.who(), ctx.param("id")), ctx);
}

response unit_roles(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_response(roles_of(ctx, uow).in_unit(ctx.who(), ctx.param("id")), ctx);
}

response assign(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::special_role_assignment a;
    a.employee_id = ctx.param("id");
    a.role = f.text("role");
    a.unit_id = f.text("unit_id");
    if (f.error())
        return error_response(ctx, *f.error());
    return idempotent_create(ctx, "roles.assign", [&](storage::unit_of_work& uow) {
        auto r = roles_of(ctx, uow).assign(ctx.who(), a);
        return r ? json_response(201, wire::special_role_json(*r)) : error_response(ctx, r.error());
    });
}

response end_role(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = roles_of(ctx, uow).end(ctx.who(), ctx.param("id"));
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(200, wire::special_role_json(*r));
}

response competence_summary(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = core::competence_summary_service{uow.role_ports(), ctx.svc.clock}.summary(
        ctx.who(), ctx.query("unit_id")
    );
    if (!r)
        return error_response(ctx, r.error());
    uow.commit(); // the audit entry of who looked
    return summary_response(ctx, *r, "measure", "competence-summary.csv");
}

} // namespace

std::vector<route> special_role_routes()
{
    auto const any = access_rule::signed_in();
    auto const deciders = access_rule::roles(core::role::manager | core::role::hr | core::role::admin);
    auto const keepers = access_rule::roles(core::role::hr | core::role::admin);
    return {
        {"GET", "/api/v1/special-roles/rules", any, &get_rules, true, limits::no_body},
        {"PUT", "/api/v1/special-roles/rules/{role}", keepers, &put_rule},
        {"GET", "/api/v1/employees/{id}/special-roles", any, &person_roles, true, limits::no_body},
        {"POST", "/api/v1/employees/{id}/special-roles", deciders, &assign},
        {"POST", "/api/v1/special-roles/{id}/end", deciders, &end_role, true, limits::no_body},
        {"GET", "/api/v1/units/{id}/special-roles", deciders, &unit_roles, true, limits::no_body},
        {"GET", "/api/v1/reports/competence-summary", deciders, &competence_summary, true, limits::no_body},
    };
}

} // namespace kompetens::http
