// Learning mutations (normal lane): each runs the same core use case as the REST API.
#include "sync/server/core_services.hpp"
#include "sync/server/mutation_registry.hpp"

#include <algorithm>

namespace kompetens::sync {

namespace {

core::training_service training(mutation_context& ctx)
{
    return training_service_of(ctx.s, ctx.clock);
}

core::learner_service learner(mutation_context& ctx)
{
    return learner_service_of(ctx.s, ctx.clock);
}

/** The module's progress row changed; the phone also learns the score at once. */
handler_result module_effects(std::string const& module_id, core::training_service::attempt_outcome const& o)
{
    handler_result r;
    r.effects.push_back(boost::json::object{
        {"type", "progress"},
        {"id", module_id},
        {"score", o.score},
        {"passed", o.passed},
        {"course_completed", o.course_completed}});
    return r;
}

} // namespace

handler_result progress_record(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    core::progress_event e;
    e.id = a.uuid("event_id");
    e.module_id = a.uuid("module_id");
    e.position = static_cast<int>(a.integer("position", 0, 100));
    e.occurred_at = a.optional_integer("occurred_at_ms", 0, 9'000'000'000'000LL).value_or(0);
    if (a.error())
        return handler_result::refuse(*a.error());
    auto r = learner(ctx).record_progress(ctx.who, e);
    if (!r)
        return handler_result::refuse(r.error());
    auto out = handler_result::effect("progress", e.module_id);
    out.duplicate_entity = !*r;
    return out;
}

handler_result attempt_submit(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    auto const attempt_id = a.uuid("attempt_id");
    auto const module_id = a.uuid("module_id");
    auto const answers = a.integers("answers", 200);
    if (a.error())
        return handler_result::refuse(*a.error());
    // The same attempt from another device (or a re-registered one) is one attempt: answer with it.
    auto existing = learner(ctx).my_attempt(ctx.who, attempt_id);
    if (!existing)
        return handler_result::refuse(existing.error());
    if (*existing)
    {
        core::training_service::attempt_outcome o;
        o.score = (*existing)->score;
        o.passed = (*existing)->passed;
        auto out = module_effects((*existing)->module_id, o);
        out.duplicate_entity = true;
        return out;
    }
    auto r = training(ctx).submit_attempt(ctx.who, module_id, answers, attempt_id);
    if (!r)
        return handler_result::refuse(r.error());
    return module_effects(module_id, *r);
}

handler_result module_complete(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    auto const module_id = a.uuid("module_id");
    if (a.error())
        return handler_result::refuse(*a.error());
    auto r = training(ctx).complete_module(ctx.who, module_id);
    if (!r)
        return handler_result::refuse(r.error());
    return module_effects(module_id, *r);
}

handler_result assignment_acknowledge(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    auto const id = a.uuid("assignment_id");
    if (a.error())
        return handler_result::refuse(*a.error());
    auto r = learner(ctx).acknowledge_assignment(ctx.who, id);
    if (!r)
        return handler_result::refuse(r.error());
    return handler_result::effect("assignment", id);
}

handler_result training_self_report(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    core::training_record rec;
    rec.id = a.uuid("record_id");
    rec.course_id = a.uuid("course_id");
    rec.completed_on = a.text("completed_on", 10);
    if (auto score = a.optional_integer("score", 0, 100))
        rec.score = static_cast<int>(*score);
    rec.certificate_sha256 = a.optional_text("certificate_sha256", 64);
    if (a.error())
        return handler_result::refuse(*a.error());
    if (!ctx.who.employee_id)
        return handler_result::refuse(core::failure{
            core::errc::forbidden, "", "only an employee reports training"});
    if (auto existing = ctx.s.training.find_record(ctx.who.organisation_id, rec.id))
    {
        if (existing->employee_id != *ctx.who.employee_id)
            return handler_result::refuse(core::failure{
                core::errc::conflict, "/record_id", "this record id is taken"});
        auto out = handler_result::effect("training_record", rec.id);
        out.duplicate_entity = true;
        return out;
    }
    // Always the caller's own record, so never attested: someone else attests it later.
    rec.employee_id = *ctx.who.employee_id;
    auto r = training(ctx).record_completion(ctx.who, rec);
    if (!r)
        return handler_result::refuse(r.error());
    return handler_result::effect("training_record", r->id);
}

handler_result language_plan_follow_up(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    core::language_follow_up f;
    f.plan_id = a.uuid("plan_id");
    f.id = a.uuid("follow_up_id");
    f.held_on = a.text("held_on", 10);
    f.outcome = a.text("outcome", 20);
    f.next_follow_up_on = a.optional_text("next_follow_up_on", 10);
    if (a.error())
        return handler_result::refuse(*a.error());
    // The same follow-up sent before, from this or another device, is the one follow-up.
    auto const before = ctx.s.language.find_plan(ctx.who.organisation_id, f.plan_id);
    bool const known =
        before && std::any_of(before->follow_ups.begin(), before->follow_ups.end(), [&](auto const& x) {
            return x.id == f.id;
        });
    auto r = language_service_of(ctx.s, ctx.clock).record_follow_up(ctx.who, f);
    if (!r)
        return handler_result::refuse(r.error());
    auto out = handler_result::effect("language_plan", f.plan_id);
    out.duplicate_entity = known;
    return out;
}

} // namespace kompetens::sync
