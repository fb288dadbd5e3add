// Training: the course catalogue, requirement rules, assignments and exemptions, completions and
// attestation, and the views (my training, a unit's compliance matrix). Each handler runs one core use
// case in one transaction.
#include "server/core/calendar.hpp"
#include "server/core/training_service.hpp"
#include "server/http/csv.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json/array.hpp>

#include <cmath>

namespace kompetens::http {

namespace {

using namespace kompetens::wire;

using core::role;

// Reads the validity fields of a version; every one is optional and defaults as in core::course_version.
std::optional<core::failure> read_version(json_fields& f, core::course_version& v)
{
    auto number = [&](char const* key, auto& into) -> std::optional<core::failure> {
        if (auto n = f.optional_number(key))
        {
            if (std::floor(*n) != *n || std::fabs(*n) > 100'000)
                return core::invalid(std::string("/") + key, "must be a whole number");
            into = static_cast<int>(*n);
        }
        return std::nullopt;
    };
    std::optional<int> months, score;
    for (auto e :
         {number("validity_months", months),
          number("renewal_window_days", v.renewal_window_days),
          number("grace_days", v.grace_days),
          number("passing_score", score)})
        if (e)
            return e;
    v.validity_months = months;
    v.passing_score = score;
    if (auto e = f.optional_text("evidence_type"))
        v.evidence_type = *e;
    return f.error();
}

template <class F>
response
train(request_context& ctx, int status, F&& f, storage::access_mode mode = storage::access_mode::write)
{
    storage::unit_of_work uow{ctx.svc.db, mode, ctx.request_id};
    core::training_service svc{
        uow.directory(), uow.training(), uow.audit(), uow.notifications(), ctx.svc.clock};
    auto r = f(svc, uow);
    if (r.status < 400)
    {
        uow.commit();
        r.status = status;
    }
    return r;
}

// The GET routes only read: on SQLite they then run beside the one writer instead of queueing for its
// lock, and on PostgreSQL without BEGIN and COMMIT (found profiling B2: every training read, the phone's
// list and the managers' matrix included, ran as a write transaction).
template <class F> response read_training(request_context& ctx, F&& f)
{
    return train(ctx, 200, std::forward<F>(f), storage::access_mode::read);
}

response list_courses(request_context& ctx)
{
    return read_training(ctx, [&](auto& svc, storage::unit_of_work& uow) {
        boost::json::array items;
        for (auto const& c : svc.list_courses(ctx.who()).value())
            items.push_back(course_json(c, uow.training().current_version(ctx.who().organisation_id, c.id)));
        return json_response(200, boost::json::object{{"items", std::move(items)}});
    });
}

response create_course(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::course c;
    c.code = f.text("code");
    c.title = f.text("title");
    c.kind = f.text("kind");
    c.provider = f.optional_text("provider").value_or("");
    c.regulatory_basis = f.optional_text("regulatory_basis").value_or("");
    core::course_version v;
    if (auto e = read_version(f, v))
        return error_response(ctx, *e);
    return idempotent_create(ctx, "courses.create", [&](storage::unit_of_work& uow) {
        core::training_service svc{
            uow.directory(), uow.training(), uow.audit(), uow.notifications(), ctx.svc.clock};
        auto made = svc.create_course(ctx.who(), c, v);
        if (!made)
            return error_response(ctx, made.error());
        return json_response(
            201, course_json(*made, uow.training().current_version(made->organisation_id, made->id))
        );
    });
}

response publish_version(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::course_version v;
    if (auto e = read_version(f, v))
        return error_response(ctx, *e);
    return train(ctx, 201, [&](auto& svc, auto&) {
        auto r = svc.publish_version(ctx.who(), ctx.param("id"), v);
        if (!r)
            return error_response(ctx, r.error());
        return json_response(201, boost::json::object{{"id", r->id}, {"number", r->number}});
    });
}

response retire_course(request_context& ctx)
{
    return train(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.retire_course(ctx.who(), ctx.param("id"));
        if (!r)
            return error_response(ctx, r.error());
        return json_response(200, course_json(*r, std::nullopt));
    });
}

response list_rules(request_context& ctx)
{
    return read_training(ctx, [&](auto& svc, auto&) {
        auto r = svc.list_rules(ctx.who());
        if (!r)
            return error_response(ctx, r.error());
        boost::json::array items;
        for (auto const& x : *r)
            items.push_back(rule_json(x));
        return json_response(200, boost::json::object{{"items", std::move(items)}});
    });
}

response create_rule(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::requirement_rule r;
    r.course_id = f.text("course_id");
    r.scope_kind = f.text("scope_kind");
    r.scope_value = f.optional_text("scope_value").value_or("");
    auto const due = f.optional_number("due_days");
    if (f.error())
        return error_response(ctx, *f.error());
    if (due)
    {
        if (std::floor(*due) != *due || *due < 0 || *due > 3650)
            return error_response(
                ctx, core::invalid("/due_days", "must be a whole number between 0 and 3650")
            );
        r.due_days = static_cast<int>(*due);
    }
    return idempotent_create(ctx, "rules.create", [&](storage::unit_of_work& uow) {
        core::training_service svc{
            uow.directory(), uow.training(), uow.audit(), uow.notifications(), ctx.svc.clock};
        auto made = svc.create_rule(ctx.who(), r);
        if (!made)
            return error_response(ctx, made.error());
        return json_response(201, rule_json(*made));
    });
}

response deactivate_rule(request_context& ctx)
{
    return train(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.deactivate_rule(ctx.who(), ctx.param("id"));
        if (!r)
            return error_response(ctx, r.error());
        return json_response(200, rule_json(*r));
    });
}

response create_assignments(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    auto ids = f.optional_text_array("employee_ids");
    auto const unit = f.optional_text("unit_id");
    auto const course_id = f.text("course_id");
    auto const due = f.text("due_date");
    auto const note = f.optional_text("note").value_or("");
    if (f.error())
        return error_response(ctx, *f.error());
    if (!ids == !unit)
        return error_response(ctx, core::invalid("/employee_ids", "give either employee_ids or unit_id"));
    return train(ctx, 201, [&](auto& svc, storage::unit_of_work& uow) {
        std::vector<std::string> people = ids.value_or(std::vector<std::string>{});
        if (unit)
        {
            // A whole unit: everyone working there today.
            core::page_request all;
            all.limit = core::page_request::max_limit;
            core::employee_filter filter{
                *unit, std::nullopt, std::string(core::stockholm_today(ctx.svc.clock.now()))};
            for (auto const& e : uow.directory().list_employees(ctx.who().organisation_id, filter, all).items)
                people.push_back(e.id);
            if (people.empty())
                return error_response(ctx, core::invalid("/unit_id", "nobody works in this unit today"));
        }
        auto r = svc.assign(ctx.who(), people, course_id, due, note);
        if (!r)
            return error_response(ctx, r.error());
        boost::json::array items;
        for (auto const& a : *r)
            items.push_back(boost::json::object{
                {"id", a.id},
                {"employee_id", a.employee_id},
                {"course_id", a.course_id},
                {"due_date", a.due_date}});
        return json_response(201, boost::json::object{{"items", std::move(items)}});
    });
}

response create_exemption(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::exemption e;
    e.employee_id = f.text("employee_id");
    e.course_id = f.text("course_id");
    e.reason = f.text("reason");
    e.until = f.optional_text("until");
    if (f.error())
        return error_response(ctx, *f.error());
    return train(ctx, 201, [&](auto& svc, auto&) {
        auto r = svc.exempt(ctx.who(), e);
        if (!r)
            return error_response(ctx, r.error());
        return json_response(
            201,
            boost::json::object{
                {"id", r->id},
                {"employee_id", r->employee_id},
                {"course_id", r->course_id},
                {"until", opt(r->until)}}
        );
    });
}

response create_record(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::training_record r;
    r.employee_id = f.text("employee_id");
    r.course_id = f.text("course_id");
    r.completed_on = f.text("completed_on");
    r.certificate_sha256 = f.optional_text("certificate_sha256");
    auto const score = f.optional_number("score");
    if (f.error())
        return error_response(ctx, *f.error());
    if (score)
    {
        if (std::floor(*score) != *score)
            return error_response(ctx, core::invalid("/score", "must be a whole number"));
        r.score = static_cast<int>(std::clamp(*score, -1.0, 101.0));
    }
    return idempotent_create(ctx, "records.create", [&](storage::unit_of_work& uow) {
        core::training_service svc{
            uow.directory(), uow.training(), uow.audit(), uow.notifications(), ctx.svc.clock};
        auto made = svc.record_completion(ctx.who(), r);
        if (!made)
            return error_response(ctx, made.error());
        return json_response(201, record_json(*made));
    });
}

response upload_certificate(request_context& ctx)
{
    auto const type = std::string(ctx.req.header("Content-Type"));
    return train(ctx, 201, [&](auto& svc, auto&) {
        auto c = svc.upload_certificate(ctx.who(), type, ctx.req.body);
        if (!c)
            return error_response(ctx, c.error());
        return json_response(
            201,
            boost::json::object{
                {"sha256", c->sha256}, {"content_type", c->content_type}, {"size_bytes", c->size_bytes}}
        );
    });
}

response record_certificate(request_context& ctx)
{
    return train(ctx, 200, [&](auto& svc, auto&) {
        auto c = svc.certificate_of(ctx.who(), ctx.param("id"));
        if (!c)
            return error_response(ctx, c.error());
        response r;
        r.content_type = c->first.content_type;
        r.body = std::move(c->second);
        r.set("ETag", "\"" + c->first.sha256 + "\"");
        r.set("Cache-Control", "private, max-age=3600, immutable");
        return r;
    });
}

response attest_record(request_context& ctx)
{
    return train(ctx, 200, [&](auto& svc, auto&) {
        auto r = svc.attest(ctx.who(), ctx.param("id"));
        if (!r)
            return error_response(ctx, r.error());
        return json_response(200, record_json(*r));
    });
}

response my_training(request_context& ctx)
{
    return read_training(ctx, [&](auto& svc, auto&) {
        boost::json::array items;
        for (auto const& m : svc.my_training(ctx.who()).value())
        {
            auto o = status_json(m.status);
            o["course_code"] = m.what.code;
            o["course_title"] = m.what.title;
            items.push_back(std::move(o));
        }
        return json_response(200, boost::json::object{{"items", std::move(items)}});
    });
}

// A list of status rows as JSON, or as CSV with ?format=csv (ids, codes and dates; never names).
response status_list(
    request_context& ctx,
    core::result<std::vector<core::requirement_status>> const& r,
    std::string const& file
)
{
    if (!r)
        return error_response(ctx, r.error());
    if (wants_csv(ctx.req.query()))
    {
        std::vector<std::vector<std::string>> rows;
        for (auto const& s : *r)
            rows.push_back(
                {s.employee_id,
                 s.course_id,
                 std::string(core::state_name(s.state)),
                 s.due_date.value_or(""),
                 s.valid_until.value_or("")}
            );
        return csv_response({"employee_id", "course_id", "status", "due_date", "valid_until"}, rows, file);
    }
    boost::json::array items;
    for (auto const& s : *r)
        items.push_back(status_json(s));
    return json_response(200, boost::json::object{{"items", std::move(items)}});
}

response unit_compliance(request_context& ctx)
{
    return read_training(ctx, [&](auto& svc, auto&) {
        return status_list(ctx, svc.unit_matrix(ctx.who(), ctx.param("id")), "compliance.csv");
    });
}

response expiring(request_context& ctx)
{
    int within = 30;
    if (auto w = ctx.query("within_days"))
    {
        try
        {
            std::size_t used = 0;
            within = std::stoi(*w, &used);
            if (used != w->size())
                throw std::invalid_argument("trailing");
        }
        catch (std::exception const&)
        {
            return error_response(ctx, core::invalid("within_days", "must be a whole number"));
        }
    }
    return read_training(ctx, [&](auto& svc, auto&) {
        return status_list(ctx, svc.expiring(ctx.who(), within), "expiring.csv");
    });
}

response overdue(request_context& ctx)
{
    return read_training(ctx, [&](auto& svc, auto&) {
        return status_list(ctx, svc.overdue(ctx.who()), "overdue.csv");
    });
}

response summary(request_context& ctx)
{
    return read_training(ctx, [&](auto& svc, auto&) {
        auto r = svc.summary(ctx.who());
        if (!r)
            return error_response(ctx, r.error());
        return summary_response(ctx, *r, "course_id", "summary.csv");
    });
}

response add_module(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    core::course_module m;
    m.course_id = ctx.param("id");
    m.kind = f.text("kind");
    m.title = f.text("title");
    m.body = f.optional_text("body").value_or("");
    if (auto ps = f.optional_number("passing_score"))
        m.passing_score = static_cast<int>(std::clamp(*ps, -1.0, 101.0));
    if (f.error())
        return error_response(ctx, *f.error());
    if (auto const* qs = body->if_contains("questions"))
    {
        if (!qs->is_array())
            return error_response(ctx, core::invalid("/questions", "must be an array"));
        for (std::size_t i = 0; i < qs->as_array().size(); ++i)
        {
            auto const at = "/questions/" + std::to_string(i);
            auto const& qv = qs->as_array()[i];
            if (!qv.is_object())
                return error_response(ctx, core::invalid(at, "must be an object"));
            json_fields qf{qv.as_object()};
            core::quiz_question q;
            q.prompt = qf.text("prompt");
            q.options = qf.optional_text_array("options").value_or(std::vector<std::string>{});
            auto const correct = qf.optional_number("correct");
            if (qf.error())
                return error_response(ctx, core::invalid(at + qf.error()->field, qf.error()->detail));
            q.correct = correct ? static_cast<int>(std::clamp(*correct, -1.0, 100.0)) : -1;
            m.questions.push_back(std::move(q));
        }
    }
    return train(ctx, 201, [&](auto& svc, auto&) {
        auto r = svc.add_module(ctx.who(), m);
        if (!r)
            return error_response(ctx, r.error());
        return json_response(201, module_json(*r));
    });
}

response list_modules(request_context& ctx)
{
    return read_training(ctx, [&](auto& svc, auto&) {
        auto r = svc.modules_for_learner(ctx.who(), ctx.param("id"));
        if (!r)
            return error_response(ctx, r.error());
        boost::json::array items;
        for (auto const& m : *r)
            items.push_back(module_json(m));
        return json_response(200, boost::json::object{{"items", std::move(items)}});
    });
}

response outcome_response(
    request_context& ctx, core::result<core::training_service::attempt_outcome> const& r, int status
)
{
    if (!r)
        return error_response(ctx, r.error());
    return json_response(
        status,
        boost::json::object{
            {"score", r->score}, {"passed", r->passed}, {"course_completed", r->course_completed}}
    );
}

response submit_attempt(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    auto const* a = body->if_contains("answers");
    if (a == nullptr || !a->is_array())
        return error_response(ctx, core::invalid("/answers", "must be an array of option indexes"));
    std::vector<int> answers;
    for (std::size_t i = 0; i < a->as_array().size(); ++i)
    {
        auto const& v = a->as_array()[i];
        if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > 100)
            return error_response(
                ctx, core::invalid("/answers/" + std::to_string(i), "must be an option index")
            );
        answers.push_back(static_cast<int>(v.as_int64()));
    }
    return train(ctx, 201, [&](auto& svc, auto&) {
        return outcome_response(ctx, svc.submit_attempt(ctx.who(), ctx.param("id"), answers), 201);
    });
}

response complete_module(request_context& ctx)
{
    return train(ctx, 200, [&](auto& svc, auto&) {
        return outcome_response(ctx, svc.complete_module(ctx.who(), ctx.param("id")), 200);
    });
}

response sign_off(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return error_response(ctx, body.error());
    json_fields f{*body};
    auto const employee = f.text("employee_id");
    if (f.error())
        return error_response(ctx, *f.error());
    return train(ctx, 200, [&](auto& svc, auto&) {
        return outcome_response(ctx, svc.sign_off(ctx.who(), ctx.param("id"), employee), 200);
    });
}

} // namespace

std::vector<route> training_routes()
{
    auto const any = access_rule::signed_in();
    unsigned const keepers = role::admin | role::hr | role::education_coordinator;
    auto const catalogue = access_rule::roles(keepers);
    auto const assigners = access_rule::roles(keepers | role::manager);
    return {
        {"GET", "/api/v1/courses", any, &list_courses, true, limits::no_body},
        {"POST", "/api/v1/courses", catalogue, &create_course},
        {"POST", "/api/v1/courses/{id}/versions", catalogue, &publish_version},
        {"POST", "/api/v1/courses/{id}/retire", catalogue, &retire_course, true, limits::no_body},
        {"POST", "/api/v1/courses/{id}/modules", catalogue, &add_module, true, 256 * 1024},
        {"GET", "/api/v1/courses/{id}/modules", any, &list_modules, true, limits::no_body},
        {"POST", "/api/v1/modules/{id}/attempts", any, &submit_attempt},
        {"POST", "/api/v1/modules/{id}/complete", any, &complete_module, true, limits::no_body},
        {"POST", "/api/v1/modules/{id}/sign-off", any, &sign_off},
        {"GET", "/api/v1/requirement-rules", catalogue, &list_rules, true, limits::no_body},
        {"POST", "/api/v1/requirement-rules", catalogue, &create_rule},
        {"POST",
         "/api/v1/requirement-rules/{id}/deactivate",
         catalogue,
         &deactivate_rule,
         true,
         limits::no_body},
        {"POST", "/api/v1/assignments", assigners, &create_assignments},
        {"POST", "/api/v1/exemptions", assigners, &create_exemption},
        // Anyone may report their own completion (unattested); others need to be allowed to attest for the
        // person.
        {"POST", "/api/v1/training-records", any, &create_record},
        {"POST", "/api/v1/training-records/{id}/attest", any, &attest_record, true, limits::no_body},
        {"POST", "/api/v1/certificates", any, &upload_certificate, true, core::max_certificate_bytes},
        {"GET", "/api/v1/training-records/{id}/certificate", any, &record_certificate, true, limits::no_body},
        {"GET", "/api/v1/me/training", any, &my_training, true, limits::no_body},
        {"GET", "/api/v1/units/{id}/compliance", any, &unit_compliance, true, limits::no_body},
        {"GET", "/api/v1/training/expiring", catalogue, &expiring, true, limits::no_body},
        {"GET", "/api/v1/training/overdue", catalogue, &overdue, true, limits::no_body},
        {"GET", "/api/v1/training/summary", catalogue, &summary, true, limits::no_body},
    };
}

} // namespace kompetens::http
