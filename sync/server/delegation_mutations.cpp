// Delegation mutations (critical lane): the same core use cases as the REST API. Signing and revoking
// need the password entered again; it is checked when the mutation reaches the server (the signature's
// time is the server's) and never stored. Revocation beats everything: a step on a revoked decision is
// refused with `delegation_revoked` and the current copy, so the phone can show what happened.
#include "server/core/reauthentication.hpp"
#include "server/wire/core_json.hpp"
#include "sync/protocol/lease.hpp"
#include "sync/server/core_services.hpp"
#include "sync/server/mutation_registry.hpp"

namespace kompetens::sync {

namespace {

core::delegation_service delegations(mutation_context& ctx)
{
    return delegation_service_of(ctx.s, ctx.clock);
}

/** A refusal; for state and version conflicts with the decision as the server has it now. */
handler_result refuse_with_current(mutation_context& ctx, std::string const& id, core::failure f)
{
    auto r = handler_result::refuse(f);
    if (f.code == core::errc::conflict || f.code == core::errc::invalid_state ||
        f.code == core::errc::delegation_revoked)
        if (auto d = delegations(ctx).get(ctx.who, id))
            r.current = wire::decision_json(*d);
    return r;
}

handler_result decision_effect(core::delegation_decision const& d)
{
    handler_result r;
    r.effects.push_back(boost::json::object{{"type", "delegation"}, {"id", d.id}, {"version", d.version}});
    return r;
}

core::result<core::signature> password_signature(mutation_context& ctx, boost::json::object const& args)
{
    auto const* pw = args.if_contains("password");
    return core::password_signature(
        ctx.s.accounts,
        ctx.who,
        pw && pw->is_string() ? std::optional<std::string_view>(pw->as_string()) : std::nullopt,
        ctx.clock.now()
    );
}

/** Loads the decision and applies the checks every step shares: revoked first, then the version the
    phone saw (when it sent one). */
core::result<core::delegation_decision>
current_for_step(mutation_context& ctx, args_reader& a, std::string const& id)
{
    auto const expected = a.optional_integer("expected_version", 1, 1'000'000);
    if (a.error())
        return *a.error();
    auto d = delegations(ctx).get(ctx.who, id);
    if (!d)
        return d.error();
    if (d->state == core::delegation_state::revoked)
        return core::failure{core::errc::delegation_revoked, "", "the delegation was revoked"};
    if (expected && *expected != d->version)
        return core::failure{core::errc::conflict, "/expected_version", "the delegation changed meanwhile"};
    return d;
}

} // namespace

handler_result delegation_acknowledge(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    auto const id = a.uuid("delegation_id");
    auto const version = static_cast<int>(a.integer("version", 1, 1'000'000));
    if (a.error())
        return handler_result::refuse(*a.error());
    auto r = delegations(ctx).acknowledge(ctx.who, id, version);
    if (!r)
        return refuse_with_current(ctx, id, r.error());
    return decision_effect(*r);
}

handler_result delegation_sign(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    auto const id = a.uuid("delegation_id");
    auto const confirmed = a.flag("self_assessment_confirmed");
    if (a.error())
        return handler_result::refuse(*a.error());
    auto d = current_for_step(ctx, a, id);
    if (!d)
        return refuse_with_current(ctx, id, d.error());
    auto sig = password_signature(ctx, args);
    if (!sig)
        return handler_result::refuse(sig.error());
    auto r = delegations(ctx).sign(ctx.who, id, confirmed, *sig);
    if (!r)
        return refuse_with_current(ctx, id, r.error());
    return decision_effect(*r);
}

handler_result delegation_reject(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    auto const id = a.uuid("delegation_id");
    auto const reason = a.optional_text("reason", 500).value_or("");
    auto const back = a.flag("return_to_delegator");
    if (a.error())
        return handler_result::refuse(*a.error());
    auto d = current_for_step(ctx, a, id);
    if (!d)
        return refuse_with_current(ctx, id, d.error());
    auto svc = delegations(ctx);
    auto r = back ? svc.return_to_delegator(ctx.who, id, reason) : svc.reject(ctx.who, id, reason);
    if (!r)
        return refuse_with_current(ctx, id, r.error());
    return decision_effect(*r);
}

handler_result delegation_revoke(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    auto const id = a.uuid("delegation_id");
    auto const reason = a.text("reason", 500);
    if (a.error())
        return handler_result::refuse(*a.error());
    auto svc = delegations(ctx);
    auto current = svc.get(ctx.who, id);
    if (!current)
        return handler_result::refuse(current.error());
    // Revoking a revoked decision changes nothing and needs no signature: harmless twice.
    if (current->state == core::delegation_state::revoked)
        return decision_effect(*current);
    auto sig = password_signature(ctx, args);
    if (!sig)
        return handler_result::refuse(sig.error());
    auto r = svc.revoke(ctx.who, id, reason, *sig);
    if (!r)
        return refuse_with_current(ctx, id, r.error());
    return decision_effect(*r);
}

handler_result delegation_follow_up(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    auto const id = a.uuid("delegation_id");
    core::delegation_follow_up f;
    f.outcome = a.text("outcome", 20);
    f.observation = a.text("observation", 40);
    f.next_due = a.optional_text("next_due", 10);
    if (a.error())
        return handler_result::refuse(*a.error());
    auto r = delegations(ctx).follow_up(ctx.who, id, f);
    if (!r)
        return refuse_with_current(ctx, id, r.error());
    auto out = handler_result::effect("delegation", id);
    out.effects.push_back(boost::json::object{{"type", "delegation_follow_up"}, {"id", r->id}});
    return out;
}

handler_result task_record_performed(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    core::task_record rec;
    rec.id = a.uuid("record_id");
    rec.decision_id = a.uuid("delegation_id");
    rec.task_id = a.uuid("task_id");
    rec.unit_id = a.optional_text("unit_id", 36);
    rec.patient_ref = a.optional_text("patient_ref", 64);
    rec.occurred_at = a.integer("occurred_at_ms", 1, 9'000'000'000'000LL);
    auto const* lease_json = a.object("lease");
    if (a.error())
        return handler_result::refuse(*a.error());
    rec.device_id = ctx.device_id;
    // A lease counts only when this server signed it for this device and this decision.
    if (lease_json != nullptr)
    {
        args_reader l{*lease_json};
        lease held;
        held.decision_id = rec.decision_id;
        held.device_id = ctx.device_id;
        held.version = static_cast<int>(l.integer("version", 1, 1'000'000));
        held.expires_at = l.integer("expires_at_ms", 0, 9'000'000'000'000LL);
        held.sig = l.text("sig", 200);
        if (!l.error() && lease_valid(held, ctx.key))
            rec.lease_expires_at = held.expires_at;
    }
    auto svc = task_record_service_of(ctx.s, ctx.clock);
    auto r = svc.record(ctx.who, rec);
    if (!r)
        return handler_result::refuse(r.error());
    handler_result out;
    boost::json::array flags;
    for (auto const& f : r->record.flags)
        flags.emplace_back(f);
    out.effects.push_back(boost::json::object{{"type", "task_record"}, {"id", r->record.id}, {"flags", flags}}
    );
    out.duplicate_entity = r->existed;
    return out;
}

} // namespace kompetens::sync
