// Mentorship over REST: programmes and their mentor qualifications (HR), pairing a mentor with a mentee
// (HR, the mentee's managers), ending it, and the meeting log the two keep.
#include "server/core/mentorship_service.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"
#include "server/wire/workplace_json.hpp"

#include <boost/json.hpp>

namespace kompetens::http {

namespace {

core::mentorship_service mentorships(request_context& ctx, storage::unit_of_work& uow)
{
    return {uow.workplace_ports(), ctx.svc.clock};
}

response list_response(core::result<std::vector<core::mentorship_view>> const& r, request_context& ctx)
{
    if (!r)
        return error_response(ctx, r.error());
    boost::json::array items;
    for (auto const& v : *r)
        items.push_back(wire::mentorship_json(v));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

response list_programmes(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = mentorships(ctx, uow).programmes(ctx.who());
    if (!r)
        return error_response(ctx, r.error());
    boost::json::array items;
    for (auto const& p : *r)
        items.push_back(wire::mentorship_programme_json(p));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

response create_programme(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::mentorship_programme v;
    v.name = f.text("name");
    v.kind = f.text("kind");
    v.course_ids = f.optional_text_array("course_ids").value_or(std::vector<std::string>{});
    if (f.error())
        return error_response(ctx, *f.error());
    return idempotent_create(ctx, "mentorship_programme.create", [&](storage::unit_of_work& uow) {
        auto r = mentorships(ctx, uow).create_programme(ctx.who(), v);
        return r ? json_response(201, wire::mentorship_programme_json(*r)) : error_response(ctx, r.error());
    });
}

response assign(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::mentorship m;
    m.programme_id = f.text("programme_id");
    m.mentor_id = f.text("mentor_id");
    m.mentee_id = f.text("mentee_id");
    m.starts_on = f.text("starts_on");
    m.ends_on = f.text("ends_on");
    if (f.error())
        return error_response(ctx, *f.error());
    return idempotent_create(ctx, "mentorship.assign", [&](storage::unit_of_work& uow) {
        auto r = mentorships(ctx, uow).assign(ctx.who(), m);
        return r ? json_response(201, wire::mentorship_json(*r)) : error_response(ctx, r.error());
    });
}

response get_one(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    auto r = mentorships(ctx, uow).get(ctx.who(), ctx.param("id"));
    return r ? json_response(200, wire::mentorship_json(*r)) : error_response(ctx, r.error());
}

response end(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = mentorships(ctx, uow).end(ctx.who(), ctx.param("id"));
    if (!r)
        return error_response(ctx, r.error());
    uow.commit();
    return json_response(200, wire::mentorship_json(*r));
}

response record_meeting(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::mentorship_meeting m;
    m.id = f.text("meeting_id");
    m.mentorship_id = ctx.param("id");
    m.met_on = f.text("met_on");
    m.topics = f.optional_text_array("topics").value_or(std::vector<std::string>{});
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto svc = mentorships(ctx, uow);
    auto r = svc.record_meeting(ctx.who(), m);
    if (!r)
        return error_response(ctx, r.error());
    auto v = svc.get(ctx.who(), m.mentorship_id);
    if (!v)
        return error_response(ctx, v.error());
    uow.commit();
    // 201 for a new meeting, 200 when the same meeting came again (a retry from a phone).
    return json_response(*r ? 201 : 200, wire::mentorship_json(*v));
}

response of_person(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_response(mentorships(ctx, uow).of_person(ctx.who(), ctx.param("id")), ctx);
}

response mine(request_context& ctx)
{
    if (!ctx.who().employee_id)
        return json_response(200, boost::json::object{{"items", boost::json::array{}}});
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    return list_response(mentorships(ctx, uow).of_person(ctx.who(), *ctx.who().employee_id), ctx);
}

} // namespace

std::vector<route> mentorship_routes()
{
    auto const any = access_rule::signed_in();
    return {
        {"GET", "/api/v1/mentorship-programmes", any, &list_programmes, true, limits::no_body},
        {"POST", "/api/v1/mentorship-programmes", any, &create_programme},
        {"POST", "/api/v1/mentorships", any, &assign},
        {"GET", "/api/v1/mentorships/{id}", any, &get_one, true, limits::no_body},
        {"POST", "/api/v1/mentorships/{id}/end", any, &end, true, limits::no_body},
        {"POST", "/api/v1/mentorships/{id}/meetings", any, &record_meeting},
        {"GET", "/api/v1/employees/{id}/mentorships", any, &of_person, true, limits::no_body},
        {"GET", "/api/v1/me/mentorships", any, &mine, true, limits::no_body},
    };
}

} // namespace kompetens::http
