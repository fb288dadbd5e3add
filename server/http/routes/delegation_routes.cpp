// Delegations over REST: the task catalogue, the decision lifecycle (each signature needs the password
// entered again), the views, the checks and the history. Object-level access is decided in core.
#include "server/core/calendar.hpp"
#include "server/core/delegation_service.hpp"
#include "server/core/ids.hpp"
#include "server/core/reauthentication.hpp"
#include "server/http/csv.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace kompetens::http {

namespace {

using namespace kompetens::wire;

using core::role;

template <class F> response delegations(request_context& ctx, int status, F&& f)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::write, ctx.request_id};
    core::delegation_service svc{
        uow.directory(),
        uow.training(),
        uow.delegations(),
        uow.accounts(),
        uow.audit(),
        uow.notifications(),
        ctx.svc.clock};
    auto r = f(svc, uow);
    if (r.status < 400)
    {
        uow.commit();
        r.status = status;
    }
    return r;
}

response decisions_response(
    request_context& ctx, std::vector<core::delegation_decision> const& list, std::string const& file
)
{
    if (wants_csv(ctx.req.query()))
    {
        std::vector<std::vector<std::string>> rows;
        for (auto const& d : list)
        {
            std::string tasks, units;
            for (auto const& t : d.task_ids)
                tasks += (tasks.empty() ? "" : " ") + t;
            for (auto const& u : d.unit_ids)
                units += (units.empty() ? "" : " ") + u;
            rows.push_back(
                {d.id,
                 d.delegate_id,
                 d.delegator_id,
                 tasks,
                 d.scope_kind,
                 units,
                 d.valid_from,
                 d.valid_to,
                 std::string(core::state_name(d.state)),
                 d.activated_at ? std::to_string(*d.activated_at) : "",
                 d.ended_at ? std::to_string(*d.ended_at) : "",
                 d.end_reason}
            );
        }
        return csv_response(
            {"id",
             "delegate_id",
             "delegator_id",
             "task_ids",
             "scope_kind",
             "unit_ids",
             "valid_from",
             "valid_to",
             "state",
             "activated_at",
             "ended_at",
             "end_reason"},
            rows,
            file
        );
    }
    boost::json::array items;
    for (auto const& d : list)
        items.push_back(decision_json(d));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

/** The password entered again, checked against the caller's account: the signature of a step. */
core::result<core::signature>
password_signature(request_context& ctx, storage::unit_of_work& uow, boost::json::object const& body)
{
    auto const* pw = body.if_contains("password");
    return core::password_signature(
        uow.accounts(),
        ctx.who(),
        pw && pw->is_string() ? std::optional<std::string_view>(pw->as_string()) : std::nullopt,
        ctx.svc.clock.now()
    );
}

response list_tasks(request_context& ctx)
{
    return delegations(ctx, 200, [&](auto& svc, auto&) {
        boost::json::array items;
        for (auto const& t : svc.list_tasks(ctx.who()).value())
            items.push_back(task_json(t));
        return json_response(200, boost::json::object{{"items", std::move(items)}});
    });
}

response create_task(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::delegation_task t;
    t.code = f.text("code");
    t.name = f.text("name");
    t.category = f.text("category");
    t.tier = f.optional_text("tier").value_or("basic");
    t.delegator_professions =
        f.optional_text_array("delegator_professions").value_or(std::vector<std::string>{"registered_nurse"});
    t.prerequisite_tasks = f.optional_text_array("prerequisite_tasks").value_or(std::vector<std::string>{});
    t.allowed_scopes = f.optional_text_array("allowed_scopes").value_or(std::vector<std::string>{"unit"});
    t.min_language_level = f.optional_text("min_language_level");
    t.risk_class = f.optional_text("risk_class").value_or("medium");
    t.min_days_in_unit = static_cast<int>(f.optional_number("min_days_in_unit").value_or(0));
    t.max_validity_months = static_cast<int>(f.optional_number("max_validity_months").value_or(12));
    if (f.error())
        return error_response(ctx, *f.error());
    if (auto const* so = body->if_contains("suspend_on_lapse"))
    {
        if (!so->is_bool())
            return error_response(ctx, core::invalid("/suspend_on_lapse", "must be true or false"));
        t.suspend_on_lapse = so->as_bool();
    }
    if (auto const* pc = body->if_contains("prerequisite_courses"))
    {
        if (!pc->is_array())
            return error_response(ctx, core::invalid("/prerequisite_courses", "must be an array"));
        for (std::size_t i = 0; i < pc->as_array().size(); ++i)
        {
            auto const& item = pc->as_array()[i];
            auto const field = "/prerequisite_courses/" + std::to_string(i);
            if (!item.is_object() || !item.as_object().contains("course_id") ||
                !item.as_object().at("course_id").is_string())
                return error_response(ctx, core::invalid(field, "must be an object with a course_id"));
            core::course_prerequisite p{
                std::string(item.as_object().at("course_id").as_string()), std::nullopt};
            if (auto const* m = item.as_object().if_contains("max_age_months"))
            {
                if (!m->is_int64())
                    return error_response(
                        ctx, core::invalid(field + "/max_age_months", "must be a whole number")
                    );
                p.max_age_months = static_cast<int>(m->as_int64());
            }
            t.prerequisite_courses.push_back(std::move(p));
        }
    }
    return delegations(ctx, 201, [&](auto& svc, auto&) {
        auto r = svc.create_task(ctx.who(), t);
        return r ? json_response(201, task_json(*r)) : error_response(ctx, r.error());
    });
}

response create_delegation(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::delegation_decision d;
    d.delegate_id = f.text("delegate_id");
    d.task_ids = f.optional_text_array("task_ids").value_or(std::vector<std::string>{});
    d.scope_kind = f.optional_text("scope_kind").value_or("unit");
    d.unit_ids = f.optional_text_array("unit_ids").value_or(std::vector<std::string>{});
    d.patient_ref = f.optional_text("patient_ref");
    d.valid_from = f.text("valid_from");
    d.valid_to = f.optional_text("valid_to").value_or("");
    d.renews_id = f.optional_text("renews_id");
    if (f.error())
        return error_response(ctx, *f.error());
    if (auto const* so = body->if_contains("single_occasion"))
    {
        if (!so->is_bool())
            return error_response(ctx, core::invalid("/single_occasion", "must be true or false"));
        d.single_occasion = so->as_bool();
    }
    return delegations(ctx, 201, [&](auto& svc, auto&) {
        auto r = svc.create_draft(ctx.who(), d);
        return r ? json_response(201, decision_json(*r)) : error_response(ctx, r.error());
    });
}

response get_delegation(request_context& ctx)
{
    return delegations(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.get(ctx.who(), ctx.param("id"));
        return r ? json_response(200, decision_json(*r)) : error_response(ctx, r.error());
    });
}

response delegation_events(request_context& ctx)
{
    return delegations(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.events(ctx.who(), ctx.param("id"));
        if (!r)
            return error_response(ctx, r.error());
        boost::json::array items;
        for (auto const& e : *r)
            items.push_back(boost::json::object{
                {"id", e.id},
                {"kind", e.kind},
                {"actor", e.actor},
                {"at", e.at},
                {"state_after", e.state_after},
                {"detail", boost::json::parse(e.detail)}});
        return json_response(200, boost::json::object{{"items", std::move(items)}});
    });
}

/** The steps on one decision; each reads its body, then runs in one transaction. */
template <class Step> response step(request_context& ctx, Step&& s)
{
    boost::json::object empty;
    auto body = ctx.req.body.empty() ? core::result<boost::json::object>(empty) : parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    return delegations(ctx, 200, [&](core::delegation_service& svc, storage::unit_of_work& uow) {
        auto r = s(svc, uow, *body);
        return r ? json_response(200, decision_json(*r)) : error_response(ctx, r.error());
    });
}

std::string text_or_empty(boost::json::object const& o, char const* key)
{
    auto const* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

response issue(request_context& ctx)
{
    return step(ctx, [&](auto& svc, auto& uow, auto const& body) -> core::result<core::delegation_decision> {
        if (auto known = svc.get(ctx.who(), ctx.param("id")); !known)
            return known.error(); // no password prompt for what the caller cannot see
        auto sig = password_signature(ctx, uow, body);
        if (!sig)
            return sig.error();
        return svc.issue(ctx.who(), ctx.param("id"), *sig);
    });
}

response sign(request_context& ctx)
{
    return step(ctx, [&](auto& svc, auto& uow, auto const& body) -> core::result<core::delegation_decision> {
        auto const* c = body.if_contains("self_assessment_confirmed");
        bool const confirmed = c && c->is_bool() && c->as_bool();
        if (auto known = svc.get(ctx.who(), ctx.param("id")); !known)
            return known.error();
        auto sig = password_signature(ctx, uow, body);
        if (!sig)
            return sig.error();
        return svc.sign(ctx.who(), ctx.param("id"), confirmed, *sig);
    });
}

response reject(request_context& ctx)
{
    return step(ctx, [&](auto& svc, auto&, auto const& body) {
        return svc.reject(ctx.who(), ctx.param("id"), text_or_empty(body, "reason"));
    });
}

response return_it(request_context& ctx)
{
    return step(ctx, [&](auto& svc, auto&, auto const& body) {
        return svc.return_to_delegator(ctx.who(), ctx.param("id"), text_or_empty(body, "reason"));
    });
}

response revoke(request_context& ctx)
{
    return step(ctx, [&](auto& svc, auto& uow, auto const& body) -> core::result<core::delegation_decision> {
        // A revocation of a revoked decision needs no signature: it changes nothing.
        auto current = svc.get(ctx.who(), ctx.param("id"));
        if (!current)
            return current.error();
        if (current->state == core::delegation_state::revoked)
            return *current;
        auto sig = password_signature(ctx, uow, body);
        if (!sig)
            return sig.error();
        return svc.revoke(ctx.who(), ctx.param("id"), text_or_empty(body, "reason"), *sig);
    });
}

response follow_up(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::delegation_follow_up fu;
    fu.outcome = f.text("outcome");
    fu.observation = f.text("observation");
    fu.next_due = f.optional_text("next_due");
    if (f.error())
        return error_response(ctx, *f.error());
    return delegations(ctx, 201, [&](auto& svc, auto&) {
        auto r = svc.follow_up(ctx.who(), ctx.param("id"), fu);
        if (!r)
            return error_response(ctx, r.error());
        return json_response(
            201,
            boost::json::object{
                {"id", r->id},
                {"on", r->on},
                {"outcome", r->outcome},
                {"observation", r->observation},
                {"next_due", opt(r->next_due)}}
        );
    });
}

response my_delegations(request_context& ctx)
{
    return delegations(ctx, 200, [&](auto& svc, auto&) {
        bool const issued = ctx.query("as") == std::optional<std::string>("delegator");
        auto r = issued ? svc.issued_by_me(ctx.who()) : svc.mine(ctx.who());
        return r ? decisions_response(ctx, *r, "my-delegations.csv") : error_response(ctx, r.error());
    });
}

response unit_delegations(request_context& ctx)
{
    return delegations(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.of_unit(ctx.who(), ctx.param("id"));
        return r ? decisions_response(ctx, *r, "unit-delegations.csv") : error_response(ctx, r.error());
    });
}

response person_delegations(request_context& ctx)
{
    return delegations(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.of_person(ctx.who(), ctx.param("id"));
        return r ? decisions_response(ctx, *r, "delegation-history.csv") : error_response(ctx, r.error());
    });
}

core::result<core::millis> instant_param(request_context& ctx)
{
    auto const at = ctx.query("at");
    if (!at)
        return ctx.svc.clock.now();
    long long v = 0;
    auto [p, ec] = std::from_chars(at->data(), at->data() + at->size(), v);
    if (ec != std::errc{} || p != at->data() + at->size() || v < 0)
        return core::invalid("at", "must be Unix epoch milliseconds");
    return v;
}

response may_perform(request_context& ctx)
{
    auto at = instant_param(ctx);
    if (!at)
        return error_response(ctx, at.error());
    return delegations(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.check(
            ctx.who(),
            ctx.query("employee_id").value_or(""),
            ctx.query("task_id").value_or(""),
            ctx.query("unit_id").value_or(""),
            ctx.query("patient_ref"),
            *at
        );
        if (!r)
            return error_response(ctx, r.error());
        return json_response(
            200,
            boost::json::object{
                {"allowed", r->allowed},
                {"decision_id", opt(r->decision_id)},
                {"reasons", strings(r->reasons)},
                {"at", *at}}
        );
    });
}

response shift_coverage(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    auto const people = f.optional_text_array("employee_ids").value_or(std::vector<std::string>{});
    auto const tasks = f.optional_text_array("task_ids").value_or(std::vector<std::string>{});
    auto const at = f.optional_number("at");
    if (f.error())
        return error_response(ctx, *f.error());
    return delegations(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.coverage(
            ctx.who(),
            ctx.param("id"),
            people,
            tasks,
            at ? static_cast<core::millis>(*at) : ctx.svc.clock.now()
        );
        if (!r)
            return error_response(ctx, r.error());
        boost::json::array rows;
        for (auto const& p : r->people)
            rows.push_back(boost::json::object{
                {"employee_id", p.employee_id}, {"task_ids", strings(p.task_ids)}});
        return json_response(
            200,
            boost::json::object{
                {"people", std::move(rows)}, {"uncovered_task_ids", strings(r->uncovered_task_ids)}}
        );
    });
}

response delegation_history(request_context& ctx)
{
    auto const on = ctx.query("on").value_or(core::stockholm_today(ctx.svc.clock.now()));
    return delegations(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.history(ctx.who(), on, ctx.query("unit_id"));
        if (!r)
            return error_response(ctx, r.error());
        std::vector<core::delegation_decision> list;
        for (auto const& row : *r)
            list.push_back(row.decision);
        return decisions_response(ctx, list, "delegations-" + on + ".csv");
    });
}

} // namespace

std::vector<route> delegation_routes()
{
    auto const any = access_rule::signed_in();
    auto const catalogue = access_rule::roles(role::medical_lead | role::admin);
    auto const delegators = access_rule::roles(static_cast<unsigned>(role::delegator));
    auto const leads = access_rule::roles(role::medical_lead | role::admin);
    return {
        {"GET", "/api/v1/delegation-tasks", any, &list_tasks, true, limits::no_body},
        {"POST", "/api/v1/delegation-tasks", catalogue, &create_task},
        {"POST", "/api/v1/delegations", delegators, &create_delegation},
        {"GET", "/api/v1/delegations/{id}", any, &get_delegation, true, limits::no_body},
        {"GET", "/api/v1/delegations/{id}/events", any, &delegation_events, true, limits::no_body},
        {"POST", "/api/v1/delegations/{id}/issue", delegators, &issue},
        {"POST", "/api/v1/delegations/{id}/sign", any, &sign},
        {"POST", "/api/v1/delegations/{id}/reject", any, &reject},
        {"POST", "/api/v1/delegations/{id}/return", any, &return_it},
        {"POST", "/api/v1/delegations/{id}/revoke", any, &revoke},
        {"POST", "/api/v1/delegations/{id}/follow-ups", any, &follow_up},
        {"GET", "/api/v1/me/delegations", any, &my_delegations, true, limits::no_body},
        {"GET", "/api/v1/units/{id}/delegations", any, &unit_delegations, true, limits::no_body},
        {"GET", "/api/v1/employees/{id}/delegations", any, &person_delegations, true, limits::no_body},
        {"GET", "/api/v1/may-perform", any, &may_perform, true, limits::no_body},
        {"POST", "/api/v1/units/{id}/shift-coverage", any, &shift_coverage},
        {"GET", "/api/v1/delegation-history", leads, &delegation_history, true, limits::no_body},
    };
}

} // namespace kompetens::http
