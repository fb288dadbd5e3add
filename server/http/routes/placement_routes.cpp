// Workplace-based learning over REST: the coordinator's registers (providers, programmes, learners), the
// supervisor-training steps and capacities, a placement's life from request to completion, the
// supervisor's notes and hours, and who can take a student in a period.
#include "server/core/placement_service.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"
#include "server/wire/workplace_json.hpp"

#include <boost/json.hpp>

#include <cmath>

namespace kompetens::http {

namespace {

core::placement_service placements(request_context& ctx, storage::unit_of_work& uow)
{
    return {uow.workplace_ports(), ctx.svc.clock};
}

/** An optional whole number: absent or null → nullopt; a fraction or another type is a fault. */
core::result<std::optional<int>> optional_int(boost::json::object const& o, std::string_view key)
{
    auto const* v = o.if_contains(key);
    if (v == nullptr || v->is_null())
        return std::optional<int>{};
    if (v->is_int64() && std::abs(v->as_int64()) < 1'000'000)
        return std::optional<int>{static_cast<int>(v->as_int64())};
    if (v->is_uint64() && v->as_uint64() < 1'000'000)
        return std::optional<int>{static_cast<int>(v->as_uint64())};
    return core::invalid("/" + std::string(key), "must be a whole number");
}

template <class T, class ToJson>
response list_of(core::result<std::vector<T>> const& r, request_context& ctx, ToJson f)
{
    if (!r)
        return error_response(ctx, r.error());
    boost::json::array items;
    for (auto const& x : *r)
        items.push_back(f(x));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

response one(core::result<core::placement_view> const& r, request_context& ctx, storage::unit_of_work& uow)
{
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(200, wire::placement_json(*r));
}

boost::json::object provider_json(core::education_provider const& p)
{
    return {{"id", p.id}, {"name", p.name}, {"kind", p.kind}};
}

boost::json::object programme_json(core::education_programme const& p)
{
    return {{"id", p.id}, {"provider_id", p.provider_id}, {"name", p.name}, {"form", p.form}};
}

response policy_response(core::placement_policy const& p)
{
    auto r = json_response(
        200,
        boost::json::object{
            {"step_1_course_ids", wire::strings(p.step_courses[0])},
            {"step_2_course_ids", wire::strings(p.step_courses[1])},
            {"step_3_course_ids", wire::strings(p.step_courses[2])},
            {"default_supervisor_capacity", p.default_supervisor_capacity},
            {"default_mentor_capacity", p.default_mentor_capacity},
            {"version", p.version}}
    );
    set_etag(r, p.version);
    return r;
}

// --- registers ---

response list_providers(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_of(placements(ctx, uow).providers(ctx.who()), ctx, provider_json);
}

response create_provider(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::education_provider v;
    v.name = f.text("name");
    v.kind = f.text("kind");
    if (f.error())
        return error_response(ctx, *f.error());
    return idempotent_create(ctx, "education_provider.create", [&](storage::unit_of_work& uow) {
        auto r = placements(ctx, uow).create_provider(ctx.who(), v);
        return r ? json_response(201, provider_json(*r)) : error_response(ctx, r.error());
    });
}

response list_programmes(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_of(placements(ctx, uow).programmes(ctx.who()), ctx, programme_json);
}

response create_programme(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::education_programme v;
    v.provider_id = f.text("provider_id");
    v.name = f.text("name");
    v.form = f.text("form");
    if (f.error())
        return error_response(ctx, *f.error());
    return idempotent_create(ctx, "education_programme.create", [&](storage::unit_of_work& uow) {
        auto r = placements(ctx, uow).create_programme(ctx.who(), v);
        return r ? json_response(201, programme_json(*r)) : error_response(ctx, r.error());
    });
}

response list_learners(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_of(placements(ctx, uow).learners(ctx.who()), ctx, wire::learner_json);
}

response create_learner(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::learner v;
    v.given_name = f.text("given_name");
    v.family_name = f.text("family_name");
    v.programme_id = f.text("programme_id");
    if (f.error())
        return error_response(ctx, *f.error());
    return idempotent_create(ctx, "learner.create", [&](storage::unit_of_work& uow) {
        auto r = placements(ctx, uow).create_learner(ctx.who(), v);
        return r ? json_response(201, wire::learner_json(*r)) : error_response(ctx, r.error());
    });
}

response link_learner(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    auto const employee_id = f.text("employee_id");
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = placements(ctx, uow).link_learner(ctx.who(), ctx.param("id"), employee_id);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(200, wire::learner_json(*r));
}

// --- policy and capacity ---

response get_policy(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = placements(ctx, uow).policy(ctx.who());
    return r ? policy_response(*r) : error_response(ctx, r.error());
}

response put_policy(request_context& ctx)
{
    auto expected = if_match_version(ctx);
    if (!expected)
        return error_response(ctx, expected.error());
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::placement_policy v;
    for (int s = 0; s < 3; ++s)
        v.step_courses[static_cast<std::size_t>(s)] =
            f.optional_text_array("step_" + std::to_string(s + 1) + "_course_ids")
                .value_or(std::vector<std::string>{});
    if (f.error())
        return error_response(ctx, *f.error());
    auto sup = optional_int(*body, "default_supervisor_capacity");
    if (!sup)
        return error_response(ctx, sup.error());
    auto men = optional_int(*body, "default_mentor_capacity");
    if (!men)
        return error_response(ctx, men.error());
    v.default_supervisor_capacity = sup->value_or(1);
    v.default_mentor_capacity = men->value_or(3);
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = placements(ctx, uow).set_policy(ctx.who(), std::move(v), *expected);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return policy_response(*r);
}

response put_unit_capacity(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    auto max = optional_int(*body, "max_students");
    if (!max)
        return error_response(ctx, max.error());
    if (!*max)
        return error_response(ctx, core::invalid("/max_students", "is required"));
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = placements(ctx, uow).set_unit_capacity(ctx.who(), ctx.param("id"), **max);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(200, boost::json::object{{"unit_id", ctx.param("id")}, {"max_students", *r}});
}

response put_employee_capacity(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    auto students = optional_int(*body, "max_students");
    if (!students)
        return error_response(ctx, students.error());
    auto mentees = optional_int(*body, "max_mentees");
    if (!mentees)
        return error_response(ctx, mentees.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = placements(ctx, uow).set_employee_capacity(ctx.who(), ctx.param("id"), *students, *mentees);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(
        200,
        boost::json::object{
            {"employee_id", ctx.param("id")},
            {"max_students", wire::opt(r->first)},
            {"max_mentees", wire::opt(r->second)}}
    );
}

// --- placements ---

response request_placement(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::placement v;
    v.learner_id = f.text("learner_id");
    v.unit_id = f.text("unit_id");
    v.starts_on = f.text("starts_on");
    v.ends_on = f.text("ends_on");
    v.supervisor_id = f.optional_text("supervisor_id");
    v.employment_id = f.optional_text("employment_id");
    v.meeting_planned_on = f.optional_text("meeting_planned_on");
    if (f.error())
        return error_response(ctx, *f.error());
    auto hours = optional_int(*body, "required_hours");
    if (!hours)
        return error_response(ctx, hours.error());
    auto weeks = optional_int(*body, "required_weeks");
    if (!weeks)
        return error_response(ctx, weeks.error());
    v.required_hours = *hours;
    v.required_weeks = *weeks;
    return idempotent_create(ctx, "placement.request", [&](storage::unit_of_work& uow) {
        auto r = placements(ctx, uow).request(ctx.who(), v);
        return r ? json_response(201, wire::placement_json(*r)) : error_response(ctx, r.error());
    });
}

response get_placement(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = placements(ctx, uow).get(ctx.who(), ctx.param("id"));
    return r ? json_response(200, wire::placement_json(*r)) : error_response(ctx, r.error());
}

response confirm(request_context& ctx)
{
    std::optional<std::string> supervisor;
    if (!ctx.req.body.empty())
    {
        auto body = parse_json_object(ctx.req);
        if (!body)
            return error_response(ctx, body.error());
        json_fields f{*body};
        supervisor = f.optional_text("supervisor_id");
        if (f.error())
            return error_response(ctx, *f.error());
    }
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    return one(placements(ctx, uow).confirm(ctx.who(), ctx.param("id"), supervisor), ctx, uow);
}

response start(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    return one(placements(ctx, uow).start(ctx.who(), ctx.param("id")), ctx, uow);
}

response complete(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    return one(placements(ctx, uow).complete(ctx.who(), ctx.param("id")), ctx, uow);
}

response cancel(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    return one(placements(ctx, uow).cancel(ctx.who(), ctx.param("id")), ctx, uow);
}

response meeting(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    auto planned = f.optional_text("planned_on");
    auto held = f.optional_text("held_on");
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    return one(placements(ctx, uow).meeting(ctx.who(), ctx.param("id"), planned, held), ctx, uow);
}

response add_note(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::placement_note n;
    n.id = f.text("note_id");
    n.placement_id = ctx.param("id");
    n.written_on = f.text("written_on");
    n.area = f.text("area");
    n.progress = f.text("progress");
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = placements(ctx, uow).add_note(ctx.who(), n);
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(
        201,
        boost::json::object{
            {"id", r->id},
            {"placement_id", r->placement_id},
            {"written_on", r->written_on},
            {"area", r->area},
            {"progress", r->progress},
            {"author_id", r->author_id}}
    );
}

response record_hours(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::placement_hours h;
    h.placement_id = ctx.param("id");
    h.worked_on = f.text("worked_on");
    auto const hours = f.optional_number("hours");
    if (f.error())
        return error_response(ctx, *f.error());
    if (!hours || *hours < 0 || *hours > 24)
        return error_response(ctx, core::invalid("/hours", "must be 0-24"));
    h.minutes = static_cast<int>(std::lround(*hours * 60));
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    return one(placements(ctx, uow).record_hours(ctx.who(), h), ctx, uow);
}

response unit_placements(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_of(placements(ctx, uow).in_unit(ctx.who(), ctx.param("id")), ctx, wire::placement_json);
}

response my_placements(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_of(placements(ctx, uow).mine(ctx.who()), ctx, wire::placement_json);
}

response availability(request_context& ctx)
{
    core::date_span span{ctx.query("from").value_or(""), ctx.query("to").value_or("")};
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_of(
        placements(ctx, uow).availability(ctx.who(), span),
        ctx,
        [](core::unit_availability const& a) {
            boost::json::array sups;
            for (auto const& s : a.supervisors)
                sups.push_back(boost::json::object{
                    {"employee_id", s.employee_id},
                    {"given_name", s.given_name},
                    {"family_name", s.family_name},
                    {"step", s.step},
                    {"free", s.free}});
            return boost::json::object{
                {"unit_id", a.unit_id},
                {"capacity", a.capacity},
                {"free", a.free},
                {"can_take_student", a.free > 0 && !a.supervisors.empty()},
                {"supervisors", std::move(sups)}};
        }
    );
}

} // namespace

std::vector<route> placement_routes()
{
    auto const any = access_rule::signed_in();
    return {
        {"GET", "/api/v1/education-providers", any, &list_providers, true, limits::no_body},
        {"POST", "/api/v1/education-providers", any, &create_provider},
        {"GET", "/api/v1/education-programmes", any, &list_programmes, true, limits::no_body},
        {"POST", "/api/v1/education-programmes", any, &create_programme},
        {"GET", "/api/v1/learners", any, &list_learners, true, limits::no_body},
        {"POST", "/api/v1/learners", any, &create_learner},
        {"POST", "/api/v1/learners/{id}/link", any, &link_learner},
        {"GET", "/api/v1/placement-policy", any, &get_policy, true, limits::no_body},
        {"PUT", "/api/v1/placement-policy", any, &put_policy},
        {"PUT", "/api/v1/units/{id}/placement-capacity", any, &put_unit_capacity},
        {"PUT", "/api/v1/employees/{id}/capacity", any, &put_employee_capacity},
        {"GET", "/api/v1/placement-availability", any, &availability, true, limits::no_body},
        {"POST", "/api/v1/placements", any, &request_placement},
        {"GET", "/api/v1/placements/{id}", any, &get_placement, true, limits::no_body},
        {"POST", "/api/v1/placements/{id}/confirm", any, &confirm},
        {"POST", "/api/v1/placements/{id}/start", any, &start, true, limits::no_body},
        {"POST", "/api/v1/placements/{id}/meeting", any, &meeting},
        {"POST", "/api/v1/placements/{id}/complete", any, &complete, true, limits::no_body},
        {"POST", "/api/v1/placements/{id}/cancel", any, &cancel, true, limits::no_body},
        {"POST", "/api/v1/placements/{id}/notes", any, &add_note},
        {"POST", "/api/v1/placements/{id}/hours", any, &record_hours},
        {"GET", "/api/v1/units/{id}/placements", any, &unit_placements, true, limits::no_body},
        {"GET", "/api/v1/me/placements", any, &my_placements, true, limits::no_body},
    };
}

} // namespace kompetens::http
