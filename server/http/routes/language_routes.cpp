// Language proficiency over REST: a person's profile (assessments, levels, requirements, gaps, plans),
// recording assessments and plans, the organisation's requirements, a unit's gap view (JSON or CSV) and
// plan follow-ups. Visibility is core's: the person, their managers, HR.
#include "server/core/ids.hpp"
#include "server/core/language_service.hpp"
#include "server/core/special_role_service.hpp"
#include "server/http/csv.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json.hpp>

namespace kompetens::http {

namespace {

core::language_service language_of(request_context& ctx, storage::unit_of_work& uow)
{
    return {uow.directory(), uow.language(), uow.audit(), uow.notifications(), ctx.svc.clock};
}

/** `[{"skill":…, "level":…}]`, with `profession` when `with_profession`. */
core::result<std::vector<core::language_rule>>
levels_from(boost::json::value const* v, std::string const& at, bool with_profession)
{
    std::vector<core::language_rule> out;
    if (v == nullptr)
        return out;
    if (!v->is_array())
        return core::invalid(at, "must be an array");
    for (std::size_t i = 0; i < v->as_array().size(); ++i)
    {
        auto const field = at + "/" + std::to_string(i);
        auto const* o = v->as_array()[i].if_object();
        if (o == nullptr)
            return core::invalid(field, "must be an object with skill and level");
        json_fields f{*o};
        core::language_rule r;
        if (with_profession)
            r.profession = f.text("profession");
        r.skill = f.text("skill");
        r.level = f.text("level");
        if (f.error())
            return core::invalid(field + f.error()->field, f.error()->detail);
        out.push_back(std::move(r));
    }
    return out;
}

response requirements_response(core::language_requirements const& r)
{
    auto res = json_response(
        200,
        boost::json::object{
            {"default_level", opt(r.default_level)},
            {"rules", wire::levels_json(r.rules)},
            {"version", r.version}}
    );
    set_etag(res, r.version);
    return res;
}

response get_profile(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = language_of(ctx, uow).profile(ctx.who(), ctx.param("id"));
    if (!r)
        return error_response(ctx, r.error());
    boost::json::array assessments;
    for (auto const& a : r->assessments)
        assessments.push_back(wire::assessment_json(a));
    boost::json::array plans;
    for (auto const& p : r->plans)
        plans.push_back(wire::language_plan_json(p));
    uow.commit(); // the read is audited when it is someone else's
    return json_response(
        200,
        boost::json::object{
            {"employee_id", r->employee_id},
            {"state", r->state},
            {"current", wire::levels_json(r->current)},
            {"required", wire::levels_json(r->required)},
            {"gaps", wire::levels_json(r->gaps)},
            {"assessments", std::move(assessments)},
            {"plans", std::move(plans)}}
    );
}

response record_assessment(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::language_assessment a;
    a.employee_id = ctx.param("id");
    a.language = f.optional_text("language").value_or("sv");
    a.skill = f.text("skill");
    a.level = f.text("level");
    a.method = f.text("method");
    a.assessor_id = f.optional_text("assessor_id");
    a.assessor_external = f.optional_text("assessor_external");
    a.assessed_on = f.text("assessed_on");
    a.evidence = f.optional_text("evidence").value_or("");
    if (f.error())
        return error_response(ctx, *f.error());
    return idempotent_create(ctx, "language.assess", [&](storage::unit_of_work& uow) {
        auto r = language_of(ctx, uow).record_assessment(ctx.who(), a);
        if (!r)
            return error_response(ctx, r.error());
        // A new level can qualify someone for a role again, or (a lower re-assessment) put one at risk.
        core::special_role_service{uow.role_ports(), ctx.svc.clock}.recheck(
            ctx.who().organisation_id, r->employee_id
        );
        return json_response(201, wire::assessment_json(*r));
    });
}

response get_requirements(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = language_of(ctx, uow).requirements(ctx.who());
    return r ? requirements_response(*r) : error_response(ctx, r.error());
}

response put_requirements(request_context& ctx)
{
    auto expected = if_match_version(ctx);
    if (!expected)
        return error_response(ctx, expected.error());
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::language_requirements r;
    r.default_level = f.optional_text("default_level"); // null: no default requirement
    if (f.error())
        return error_response(ctx, *f.error());
    auto rules = levels_from(body->if_contains("rules"), "/rules", true);
    if (!rules)
        return error_response(ctx, rules.error());
    r.rules = std::move(*rules);
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto saved = language_of(ctx, uow).set_requirements(ctx.who(), std::move(r), *expected);
    if (!saved)
        return error_response(ctx, saved.error());
    uow.commit();
    return requirements_response(*saved);
}

response unit_gaps(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = language_of(ctx, uow).unit_gaps(ctx.who(), ctx.param("id"));
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    if (wants_csv(ctx.req.query()))
    {
        std::vector<std::vector<std::string>> rows;
        for (auto const& g : *r)
            rows.push_back(
                {g.employee_id,
                 g.profession,
                 g.skill,
                 g.required,
                 g.current.value_or(""),
                 g.plan_active ? "true" : "false"}
            );
        return csv_response(
            {"employee_id", "profession", "skill", "required", "current", "plan_active"},
            rows,
            "language-gaps.csv"
        );
    }
    boost::json::array items;
    for (auto const& g : *r)
        items.push_back(boost::json::object{
            {"employee_id", g.employee_id},
            {"profession", g.profession},
            {"skill", g.skill},
            {"required", g.required},
            {"current", opt(g.current)},
            {"plan_active", g.plan_active}});
    return json_response(200, boost::json::object{{"unit_id", ctx.param("id")}, {"items", std::move(items)}});
}

response create_plan(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::language_plan plan;
    plan.employee_id = ctx.param("id");
    plan.next_follow_up_on = f.optional_text("next_follow_up_on");
    if (f.error())
        return error_response(ctx, *f.error());
    auto targets = levels_from(body->if_contains("targets"), "/targets", false);
    if (!targets)
        return error_response(ctx, targets.error());
    plan.targets = std::move(*targets);
    if (auto const* s = body->if_contains("supports"))
    {
        if (!s->is_array())
            return error_response(ctx, core::invalid("/supports", "must be an array"));
        for (std::size_t i = 0; i < s->as_array().size(); ++i)
        {
            auto const field = "/supports/" + std::to_string(i);
            auto const* o = s->as_array()[i].if_object();
            if (o == nullptr)
                return error_response(ctx, core::invalid(field, "must be an object with a kind"));
            json_fields sf{*o};
            core::language_support support{sf.text("kind"), sf.optional_text("person_id")};
            if (sf.error())
                return error_response(ctx, core::invalid(field + sf.error()->field, sf.error()->detail));
            plan.supports.push_back(std::move(support));
        }
    }
    return idempotent_create(ctx, "language.plan", [&](storage::unit_of_work& uow) {
        auto r = language_of(ctx, uow).create_plan(ctx.who(), plan);
        return r ? json_response(201, wire::language_plan_json(*r)) : error_response(ctx, r.error());
    });
}

response record_follow_up(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::language_follow_up fu;
    fu.plan_id = ctx.param("id");
    fu.id = f.optional_text("id").value_or(core::new_uuid_v7(ctx.svc.clock.now()));
    fu.held_on = f.text("held_on");
    fu.outcome = f.text("outcome");
    fu.next_follow_up_on = f.optional_text("next_follow_up_on");
    if (f.error())
        return error_response(ctx, *f.error());
    if (!core::is_uuid(fu.id))
        return error_response(ctx, core::invalid("/id", "must be a UUID minted by the client"));
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = language_of(ctx, uow).record_follow_up(ctx.who(), fu);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(200, wire::language_plan_json(*r));
}

response supported_plans(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = language_of(ctx, uow).plans_i_support(ctx.who());
    if (!r)
        return error_response(ctx, r.error());
    boost::json::array items;
    for (auto const& p : *r)
        items.push_back(wire::language_plan_json(p));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

} // namespace

std::vector<route> language_routes()
{
    auto const any = access_rule::signed_in();
    auto const assessors = access_rule::roles(core::role::manager | core::role::hr);
    auto const keepers = access_rule::roles(core::role::hr | core::role::admin);
    return {
        {"GET", "/api/v1/employees/{id}/language", any, &get_profile, true, limits::no_body},
        {"POST", "/api/v1/employees/{id}/language/assessments", assessors, &record_assessment},
        {"POST", "/api/v1/employees/{id}/language/plans", assessors, &create_plan},
        {"GET", "/api/v1/language/requirements", any, &get_requirements, true, limits::no_body},
        {"PUT", "/api/v1/language/requirements", keepers, &put_requirements},
        {"GET", "/api/v1/language/supported-plans", any, &supported_plans, true, limits::no_body},
        {"POST", "/api/v1/language/plans/{id}/follow-ups", any, &record_follow_up},
        {"GET", "/api/v1/units/{id}/language-gaps", assessors, &unit_gaps, true, limits::no_body},
    };
}

} // namespace kompetens::http
