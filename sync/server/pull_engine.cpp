// Pull (research/sync.md §5.7): the user's current view, read in one snapshot with the lanes' last
// sequence numbers (so "last_seq ≥ n" means the effects of n are in the view), diffed against the client
// view record the cookie names. Anything unknown about the cookie (tampered, another epoch or schema, an
// old record) degrades to the one reset path: `clear` and the whole view.
#include "server/core/calendar.hpp"
#include "server/core/delegation.hpp"
#include "server/core/ids.hpp"
#include "sync/protocol/cookie.hpp"
#include "sync/server/core_services.hpp"
#include "sync/server/failpoints.hpp"
#include "sync/server/sync_service.hpp"
#include "sync/server/view_builder.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace kompetens::sync {

namespace {

constexpr int results_per_lane = 200;

/** A lease for every delegation the user may use now, as its recipient. */
boost::json::array leases_for(
    core::principal const& who,
    stores& s,
    core::clock const& clock,
    std::string const& device_id,
    std::string const& key,
    lease_policy const& policy
)
{
    boost::json::array out;
    if (!who.employee_id)
        return out;
    auto const now = clock.now();
    auto svc = delegation_service_of(s, clock);
    auto mine = svc.mine(who);
    if (!mine)
        return out;
    for (auto const& d : *mine)
    {
        auto const allowed = core::allowed_interval(d);
        if (d.state != core::delegation_state::active || d.suspended || !allowed.contains(now))
            continue;
        core::millis ttl = policy.low_ms;
        for (auto const& task_id : d.task_ids)
            if (auto t = s.delegations.find_task(who.organisation_id, task_id))
                ttl = std::min(ttl, policy.ttl(t->risk_class));
        lease l{d.id, d.version, device_id, lease_expiry(now, allowed.to, ttl), ""};
        l.sig = lease_signature(l, key);
        out.push_back(boost::json::object{
            {"delegation_id", l.decision_id},
            {"version", l.version},
            {"expires_at_ms", l.expires_at},
            {"sig", l.sig}});
    }
    return out;
}

boost::json::object op_json(patch_op const& op)
{
    if (!op.put)
        return {{"op", "del"}, {"type", op.type}, {"id", op.id}, {"reason", op.reason}};
    return {
        {"op", "put"},
        {"type", op.type},
        {"id", op.id},
        {"version", op.version},
        {"priority", op.priority},
        {"data", boost::json::parse(op.data)}};
}

} // namespace

core::result<boost::json::object>
sync_service::pull(core::principal const& who, std::string const& device_id, pull_request const& req)
{
    auto const k = key();
    auto const now = clock_.now();
    sync_meta meta;
    std::vector<view_row> view;
    boost::json::array results, leases;
    long long last_critical = 0, last_normal = 0;
    view_entries base;
    bool clear = true;
    {
        auto tx = backend_.begin(transaction_kind::snapshot);
        auto& s = tx->get();
        if (auto f = check_device(s, who, device_id))
            return *f;
        meta = s.sync.meta();
        if (req.schema_version < meta.push_only_below_schema)
            return core::failure{
                core::errc::schema_unsupported,
                "/schema_version",
                "this app is too old to read; it may still push. Update the app"};
        last_critical = s.sync.last_seq(device_id, lane::critical);
        last_normal = s.sync.last_seq(device_id, lane::normal);
        view = build_view(who, s, clock_);
        for (auto l : {lane::critical, lane::normal})
        {
            auto const acked = l == lane::critical ? req.acked_critical : req.acked_normal;
            for (auto const& row : s.sync.mutations_after(device_id, l, acked, results_per_lane))
            {
                outcome o;
                o.seq = row.seq;
                o.mid = row.mid;
                o.status = row.status;
                o.code = row.code;
                o.field = row.field;
                o.message = row.message;
                results.push_back(to_json(o, l));
            }
        }
        leases = leases_for(who, s, clock_, device_id, k, settings_.leases);
        if (req.cookie)
            if (auto c = decode_cookie(*req.cookie, k);
                c && c->epoch == meta.epoch && c->device_id == device_id && c->schema == req.schema_version)
                if (auto entries = s.sync.find_cvr(device_id, c->cvr_id))
                {
                    base = parse_entries(*entries);
                    clear = false;
                }
    }
    // Types the device asks for in full (after migrating its local tables) are diffed as if it had none.
    for (auto const& t : req.refresh_types)
        std::erase_if(base, [&](auto const& e) { return e.first.first == t; });

    auto page = diff(base, view, req.limit);
    failpoint("pull.before_cvr");
    auto const cvr_id = core::new_uuid_v7(now);
    long long ord = 0;
    {
        auto tx = backend_.begin(transaction_kind::write);
        auto& s = tx->get();
        ord = s.sync.next_ord(device_id);
        s.sync.insert_cvr(cvr_id, device_id, ord, serialize_entries(page.next), now);
        auto st = s.sync.find_device_state(device_id).value_or(device_state{});
        st.device_id = device_id;
        st.last_seen_at = now;
        if (clear)
        {
            auto const today = core::stockholm_today(now);
            st.resets = st.reset_day == today ? st.resets + 1 : 1;
            st.reset_day = today;
        }
        s.sync.save_device_state(st);
        tx->commit();
    }
    failpoint("pull.after_cvr");

    boost::json::array patch;
    if (clear)
        patch.push_back(boost::json::object{{"op", "clear"}});
    for (auto const& op : page.ops)
        patch.push_back(op_json(op));
    boost::json::object out{
        {"server_time_ms", now},
        {"sync_epoch", meta.epoch},
        {"cookie",
         encode_cookie(
             cookie{meta.epoch, device_id, cvr_id, ord, req.schema_version, page.has_more, now}, k
         )},
        {"ord", ord},
        {"has_more", page.has_more},
        {"lanes", {{"critical", {{"last_seq", last_critical}}}, {"normal", {{"last_seq", last_normal}}}}},
        {"mutation_results", std::move(results)},
        {"patch", std::move(patch)},
        {"leases", std::move(leases)}};
    if (!page.has_more)
    {
        boost::json::object digests;
        for (auto const& [type, d] : digest(page.next))
            digests[type] = boost::json::object{{"count", d.count}, {"h", "sha256:" + d.hash}};
        out["digest"] = std::move(digests);
    }
    return out;
}

} // namespace kompetens::sync
