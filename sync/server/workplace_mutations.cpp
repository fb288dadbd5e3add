// Workplace learning from the phone: a supervisor's progress note during a placement, a mentor's or
// mentee's meeting log. Both carry an id minted by the phone, so the same note from two devices is one.
#include "sync/server/core_services.hpp"
#include "sync/server/mutation_registry.hpp"

namespace kompetens::sync {

handler_result placement_note(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    core::placement_note n;
    n.placement_id = a.uuid("placement_id");
    n.id = a.uuid("note_id");
    n.written_on = a.text("written_on", 10);
    n.area = a.text("area", 40);
    n.progress = a.text("progress", 20);
    if (a.error())
        return handler_result::refuse(*a.error());
    bool const known = ctx.s.placements.find_note(ctx.who.organisation_id, n.id).has_value();
    auto r = placement_service_of(ctx.s, ctx.clock).add_note(ctx.who, n);
    if (!r)
        return handler_result::refuse(r.error());
    auto out = handler_result::effect("placement", n.placement_id);
    out.duplicate_entity = known;
    return out;
}

handler_result mentorship_meeting(mutation_context& ctx, boost::json::object const& args)
{
    args_reader a{args};
    core::mentorship_meeting m;
    m.mentorship_id = a.uuid("mentorship_id");
    m.id = a.uuid("meeting_id");
    m.met_on = a.text("met_on", 10);
    if (a.error())
        return handler_result::refuse(*a.error());
    auto const* topics = args.if_contains("topics");
    if (!topics || !topics->is_array() || topics->as_array().size() > 50)
        return handler_result::refuse(core::invalid("/topics", "must be a list of topics"));
    for (auto const& t : topics->as_array())
    {
        if (!t.is_string())
            return handler_result::refuse(core::invalid("/topics", "must be a list of topic names"));
        m.topics.emplace_back(t.as_string());
    }
    auto r = mentorship_service_of(ctx.s, ctx.clock).record_meeting(ctx.who, m);
    if (!r)
        return handler_result::refuse(r.error());
    auto out = handler_result::effect("mentorship", m.mentorship_id);
    out.duplicate_entity = !*r; // false: the same meeting was already in the log
    return out;
}

} // namespace kompetens::sync
