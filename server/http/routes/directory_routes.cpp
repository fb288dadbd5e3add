// Organisations, units, employees and employments: the directory that every other capability hangs on.
// Each handler parses, runs one core use case in one transaction, and maps the outcome.
#include "server/core/directory_service.hpp"
#include "server/core/training_service.hpp"
#include "server/http/dto.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

namespace kompetens::http {

namespace {

using core::role;
constexpr unsigned directory_roles = role::admin | role::hr;

// Reads run in a read transaction; the service does the access and ownership checks.
template <class F> response read(request_context& ctx, F&& f)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    core::directory_service svc{uow.directory(), uow.audit(), ctx.svc.clock};
    return f(svc);
}

// Reads of people's records are audited, so they write: the entry commits with the answer or not at all.
template <class F> response audited_read(request_context& ctx, F&& f)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    core::directory_service svc{uow.directory(), uow.audit(), ctx.svc.clock};
    auto r = f(svc);
    if (r.status < 400)
        uow.commit();
    return r;
}

template <class T> response one(request_context& ctx, core::result<T> const& r, int status = 200)
{
    if (!r)
        return error_response(ctx, r.error());
    auto res = json_response(status, dto::to_json(*r));
    set_etag(res, r->version);
    return res;
}

template <class T> response many(request_context& ctx, core::result<core::page<T>> const& r)
{
    if (!r)
        return error_response(ctx, r.error());
    return page_response(*r, [](T const& x) { return dto::to_json(x); });
}

// POST handlers share this shape: parse the body, create in a write transaction with Idempotency-Key.
template <class T, class Parse, class Create>
response create(request_context& ctx, std::string_view route_name, Parse parse, Create create_fn)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    core::result<T> draft = parse(*body);
    if (!draft)
        return error_response(ctx, draft.error());
    return idempotent_create(ctx, route_name, [&](storage::unit_of_work& uow) {
        core::directory_service svc{uow.directory(), uow.audit(), ctx.svc.clock};
        core::result<T> made = create_fn(svc, std::move(*draft));
        return one(ctx, made, 201);
    });
}

response list_organisations(request_context& ctx)
{
    auto pr = page_from_query(ctx);
    if (!pr)
        return error_response(ctx, pr.error());
    return read(ctx, [&](auto& svc) { return many(ctx, svc.list_organisations(ctx.who(), *pr)); });
}

response get_organisation(request_context& ctx)
{
    return read(ctx, [&](auto& svc) { return one(ctx, svc.get_organisation(ctx.who(), ctx.param("id"))); });
}

response create_organisation(request_context& ctx)
{
    return create<core::organisation>(
        ctx,
        "organisations.create",
        dto::organisation_from,
        [&](auto& svc, auto d) { return svc.create_organisation(ctx.who(), std::move(d)); }
    );
}

response list_units(request_context& ctx)
{
    auto pr = page_from_query(ctx);
    if (!pr)
        return error_response(ctx, pr.error());
    core::unit_filter f{ctx.query("kind"), ctx.query("parent_id")};
    return read(ctx, [&](auto& svc) { return many(ctx, svc.list_units(ctx.who(), f, *pr)); });
}

response get_unit(request_context& ctx)
{
    return read(ctx, [&](auto& svc) { return one(ctx, svc.get_unit(ctx.who(), ctx.param("id"))); });
}

response create_unit(request_context& ctx)
{
    return create<core::unit>(ctx, "units.create", dto::unit_from, [&](auto& svc, auto d) {
        return svc.create_unit(ctx.who(), std::move(d));
    });
}

response patch_unit(request_context& ctx)
{
    auto expected = if_match_version(ctx);
    if (!expected)
        return error_response(ctx, expected.error());
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::unit_patch patch{f.optional_text("name"), f.optional_text("kind"), f.nullable_text("parent_id")};
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = core::directory_service{uow.directory(), uow.audit(), ctx.svc.clock}.update_unit(
        ctx.who(), ctx.param("id"), patch, *expected
    );
    if (r)
        uow.commit();
    return one(ctx, r);
}

response list_employees(request_context& ctx)
{
    auto pr = page_from_query(ctx);
    if (!pr)
        return error_response(ctx, pr.error());
    core::employee_filter f{ctx.query("unit_id"), ctx.query("profession"), ctx.query("active_on")};
    return audited_read(ctx, [&](auto& svc) { return many(ctx, svc.list_employees(ctx.who(), f, *pr)); });
}

response get_employee(request_context& ctx)
{
    return audited_read(ctx, [&](auto& svc) {
        return one(ctx, svc.get_employee(ctx.who(), ctx.param("id")));
    });
}

response create_employee(request_context& ctx)
{
    return create<core::employee>(ctx, "employees.create", dto::employee_from, [&](auto& svc, auto d) {
        return svc.create_employee(ctx.who(), std::move(d));
    });
}

response list_employments(request_context& ctx)
{
    return audited_read(ctx, [&](auto& svc) {
        auto r = svc.employments_of(ctx.who(), ctx.param("id"));
        if (!r)
            return error_response(ctx, r.error());
        return page_response(core::page<core::employment>{*r, std::nullopt}, [](auto const& e) {
            return dto::to_json(e);
        });
    });
}

// A hire or transfer changes what a person must learn: the training engine runs in the same transaction.
void recompute_training(request_context& ctx, storage::unit_of_work& uow, std::string const& employee_id)
{
    core::training_service{uow.directory(), uow.training(), uow.audit(), uow.notifications(), ctx.svc.clock}
        .recompute_person(ctx.who().organisation_id, employee_id);
}

response create_employment(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    auto draft = dto::employment_from(*body);
    if (!draft)
        return error_response(ctx, draft.error());
    draft->employee_id = ctx.param("id");
    return idempotent_create(ctx, "employments.create", [&](storage::unit_of_work& uow) {
        auto made = core::directory_service{uow.directory(), uow.audit(), ctx.svc.clock}.create_employment(
            ctx.who(), std::move(*draft)
        );
        if (made)
            recompute_training(ctx, uow, made->employee_id);
        return one(ctx, made, 201);
    });
}

response patch_employment(request_context& ctx)
{
    auto expected = if_match_version(ctx);
    if (!expected)
        return error_response(ctx, expected.error());
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::employment_patch patch;
    patch.end_date = f.nullable_text("end_date");
    patch.profession = f.optional_text("profession");
    patch.unit_ids = f.optional_text_array("unit_ids");
    auto const fte = f.optional_number("fte");
    if (f.error())
        return error_response(ctx, *f.error());
    if (fte)
    {
        patch.fte_per_mille = dto::fte_to_per_mille(*fte);
        if (!patch.fte_per_mille)
            return error_response(
                ctx, core::invalid("/fte", "must be greater than 0 and at most 1, with at most 3 decimals")
            );
    }
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto r = core::directory_service{uow.directory(), uow.audit(), ctx.svc.clock}.update_employment(
        ctx.who(), ctx.param("id"), patch, *expected
    );
    if (r)
    {
        recompute_training(ctx, uow, r->employee_id);
        uow.commit();
    }
    return one(ctx, r);
}

boost::json::object legitimation_json(core::legitimation const& l)
{
    return {
        {"id", l.id},
        {"employee_id", l.employee_id},
        {"profession", l.profession},
        {"registry_ref", l.registry_ref},
        {"verified_on", l.verified_on},
        {"verified_by", l.verified_by},
        {"created_at", l.created_at}};
}

response list_legitimations(request_context& ctx)
{
    return audited_read(ctx, [&](auto& svc) {
        auto r = svc.legitimations_of(ctx.who(), ctx.param("id"));
        if (!r)
            return error_response(ctx, r.error());
        return page_response(core::page<core::legitimation>{*r, std::nullopt}, legitimation_json);
    });
}

response record_legitimation(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::legitimation l;
    l.employee_id = ctx.param("id");
    l.profession = f.text("profession");
    l.registry_ref = f.text("registry_ref");
    l.verified_on = f.text("verified_on");
    if (f.error())
        return error_response(ctx, *f.error());
    return idempotent_create(ctx, "legitimations.create", [&](storage::unit_of_work& uow) {
        auto made = core::directory_service{uow.directory(), uow.audit(), ctx.svc.clock}.record_legitimation(
            ctx.who(), l
        );
        if (!made)
            return error_response(ctx, made.error());
        return json_response(201, legitimation_json(*made));
    });
}

boost::json::object absence_json(core::absence const& a)
{
    return {
        {"id", a.id},
        {"employee_id", a.employee_id},
        {"from_date", a.from_date},
        {"to_date", opt(a.to_date)}};
}

response record_absence(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::absence a;
    a.employee_id = ctx.param("id");
    a.from_date = f.text("from_date");
    a.to_date = f.optional_text("to_date");
    if (f.error())
        return error_response(ctx, *f.error());
    return idempotent_create(ctx, "absences.create", [&](storage::unit_of_work& uow) {
        auto made =
            core::directory_service{uow.directory(), uow.audit(), ctx.svc.clock}.record_absence(ctx.who(), a);
        if (!made)
            return error_response(ctx, made.error());
        return json_response(201, absence_json(*made));
    });
}

response end_absence(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    auto const to = f.text("to_date");
    if (f.error())
        return error_response(ctx, *f.error());
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    auto done = core::directory_service{uow.directory(), uow.audit(), ctx.svc.clock}.end_absence(
        ctx.who(), ctx.param("id"), to
    );
    if (!done)
        return error_response(ctx, done.error());
    uow.commit();
    return json_response(200, absence_json(*done));
}

} // namespace

std::vector<route> directory_routes()
{
    auto const any = access_rule::signed_in();
    auto const dir = access_rule::roles(directory_roles);
    auto const sys = access_rule::roles(static_cast<unsigned>(role::system));
    return {
        {"GET", "/api/v1/organisations", any, &list_organisations, true, limits::no_body},
        {"POST", "/api/v1/organisations", sys, &create_organisation},
        {"GET", "/api/v1/organisations/{id}", any, &get_organisation, true, limits::no_body},
        {"GET", "/api/v1/units", any, &list_units, true, limits::no_body},
        {"POST", "/api/v1/units", dir, &create_unit},
        {"GET", "/api/v1/units/{id}", any, &get_unit, true, limits::no_body},
        {"PATCH", "/api/v1/units/{id}", dir, &patch_unit},
        // Managers list their own units' people; core decides from the unit they name.
        {"GET",
         "/api/v1/employees",
         access_rule::roles(directory_roles | role::manager),
         &list_employees,
         true,
         limits::no_body},
        {"POST", "/api/v1/employees", dir, &create_employee},
        // Anyone signed in may ask; core answers for their own record, their units' people, or HR/admin.
        {"GET", "/api/v1/employees/{id}", any, &get_employee, true, limits::no_body},
        {"GET", "/api/v1/employees/{id}/employments", any, &list_employments, true, limits::no_body},
        {"POST", "/api/v1/employees/{id}/employments", dir, &create_employment},
        {"PATCH", "/api/v1/employments/{id}", dir, &patch_employment},
        {"GET", "/api/v1/employees/{id}/legitimations", any, &list_legitimations, true, limits::no_body},
        {"POST", "/api/v1/employees/{id}/legitimations", dir, &record_legitimation},
        {"POST", "/api/v1/employees/{id}/absences", dir, &record_absence},
        {"POST", "/api/v1/absences/{id}/end", dir, &end_absence},
    };
}

} // namespace kompetens::http
