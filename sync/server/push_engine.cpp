// Push (research/sync.md §5.6): one transaction per mutation, holding the lane's row, the mutation's
// effect and its ledger row, so a crash anywhere leaves all of it or none. Duplicates get the stored
// outcome; a gap refuses the rest; a refusal by core is stored as `rejected` and the lane moves on; an
// unexpected error is counted in a transaction of its own and the mutation quarantined after K attempts.
#include "server/core/log.hpp"
#include "sync/server/failpoints.hpp"
#include "sync/server/mutation_registry.hpp"
#include "sync/server/sync_service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kompetens::sync {

namespace {

outcome from_ledger(ledger_row const& r)
{
    outcome o;
    o.seq = r.seq;
    o.mid = r.mid;
    o.status = r.status;
    o.code = r.code;
    o.field = r.field;
    o.message = r.message;
    boost::system::error_code ec;
    auto v = boost::json::parse(r.result, ec);
    if (!ec && v.is_object())
    {
        auto const& j = v.as_object();
        if (auto const* e = j.if_contains("effects"); e && e->is_array())
            o.effects = e->as_array();
        if (auto const* c = j.if_contains("current"); c && !c->is_null())
            o.current = *c;
        if (auto const* d = j.if_contains("duplicate_entity"); d && d->is_bool())
            o.duplicate_entity = d->as_bool();
    }
    return o;
}

ledger_row row_for(
    core::principal const& who,
    std::string const& device_id,
    sync::lane lane,
    mutation const& m,
    core::millis now
)
{
    ledger_row r;
    r.device_id = device_id;
    r.lane = lane;
    r.seq = m.seq;
    r.mid = m.mid;
    r.name = m.name;
    r.v = m.v;
    r.hash = m.hash;
    r.args = boost::json::serialize(redacted(m.args));
    r.account_id = who.account_id;
    r.client_wall_ms = m.client_wall_ms;
    r.received_at = now;
    r.result = "{}";
    return r;
}

} // namespace

push_reply
sync_service::push(core::principal const& who, std::string const& device_id, push_request const& req)
{
    push_reply reply;
    reply.server_time = clock_.now();
    auto const k = key();
    {
        auto tx = backend_.begin(transaction_kind::write);
        auto& s = tx->get();
        if (auto f = check_device(s, who, device_id))
        {
            reply.refusal = *f;
            return reply;
        }
        reply.epoch = s.sync.meta().epoch;
        auto st = s.sync.find_device_state(device_id).value_or(device_state{});
        st.device_id = device_id;
        st.last_seen_at = reply.server_time;
        if (!req.mutations.empty() && req.mutations.back().client_wall_ms)
            st.clock_skew_ms = reply.server_time - *req.mutations.back().client_wall_ms;
        s.sync.save_device_state(st);
        tx->commit();
    }
    for (auto const& m : req.mutations)
    {
        auto o = apply_one(who, device_id, req.lane, m, k, reply);
        if (reply.refusal || reply.stopped_seq)
            break;
        reply.results.push_back(std::move(o));
    }
    try
    {
        auto tx = backend_.begin(transaction_kind::snapshot);
        reply.last_seq = tx->get().sync.last_seq(device_id, req.lane);
    }
    catch (std::exception const& e)
    {
        if (!backend_.transient(e))
            throw;
        // The database went away after some mutations committed: their answers must still reach the
        // phone (a 503 here would hide them). Everything before the stop is committed; the lane is
        // sequential.
        if (reply.stopped_seq)
            reply.last_seq = *reply.stopped_seq - 1;
        else if (!reply.results.empty())
            reply.last_seq = reply.results.back().seq;
    }
    return reply;
}

outcome sync_service::apply_one(
    core::principal const& who,
    std::string const& device_id,
    sync::lane lane,
    mutation const& m,
    std::string const& key,
    push_reply& reply
)
{
    try
    {
        auto tx = backend_.begin(transaction_kind::write);
        auto& s = tx->get();
        auto const last = s.sync.lock_lane(device_id, lane);
        if (m.seq <= last)
        {
            auto stored = s.sync.find_mutation(device_id, lane, m.seq);
            if (!stored)
            {
                outcome o; // acknowledged long ago and pruned: the device already had its answer
                o.seq = m.seq;
                o.mid = m.mid;
                o.status = "unknown";
                o.duplicate = true;
                return o;
            }
            if (stored->hash != m.hash)
            {
                reply.refusal = core::failure{
                    core::errc::seq_payload_mismatch,
                    "/mutations",
                    "sequence number " + std::to_string(m.seq) + " came before with another payload"};
                reply.mismatch_seq = m.seq;
                return {};
            }
            auto o = from_ledger(*stored);
            o.duplicate = true;
            return o;
        }
        if (m.seq > last + 1)
        {
            reply.refusal = core::failure{
                core::errc::seq_gap,
                "/mutations/0/seq",
                "expected sequence number " + std::to_string(last + 1)};
            reply.expected_seq = last + 1;
            return {};
        }

        auto row = row_for(who, device_id, lane, m, clock_.now());
        outcome o;
        o.seq = m.seq;
        o.mid = m.mid;
        auto const* h = find_handler(m.name, m.v);
        if (h == nullptr)
        {
            // Never refused at the door and never dropped: kept verbatim for an operator (§5.12).
            row.status = "quarantined";
            row.code = "unsupported_mutation";
            row.message = "this server has no handler for " + m.name + "@" + std::to_string(m.v);
            core::log::warning(
                "sync",
                "quarantined device=" + device_id + " seq=" + std::to_string(m.seq) + " code=" + row.code
            );
        }
        else if (h->lane != lane)
        {
            row.status = "rejected";
            row.code = "wrong_lane";
            row.message = m.name + " travels in the " + std::string(lane_name(h->lane)) + " lane";
        }
        else
        {
            failpoint("push.before_handler." + m.name);
            tx->savepoint();
            mutation_context ctx{who, s, clock_, device_id, key, m.client_wall_ms};
            auto r = h->run(ctx, m.args);
            failpoint("push.after_handler");
            boost::json::object result{{"effects", r.effects}, {"duplicate_entity", r.duplicate_entity}};
            if (r.current)
                result["current"] = *r.current;
            if (r.rejected)
            {
                tx->rollback_to_savepoint();
                row.status = "rejected";
                row.code = std::string(core::wire_code(r.rejected->code));
                row.field = r.rejected->field;
                row.message = r.rejected->detail;
                result["effects"] = boost::json::array{};
            }
            else
                row.status = "applied";
            row.result = boost::json::serialize(result);
        }
        s.sync.insert_mutation(row);
        s.sync.set_last_seq(device_id, lane, m.seq);
        tx->commit();
        failpoint("push.after_commit");
        return from_ledger(row);
    }
    catch (std::exception const& e)
    {
        if (backend_.transient(e))
        {
            reply.stopped_seq = m.seq;
            reply.stopped_reason = "transient";
            reply.retry_after_ms = settings_.retry_after_ms;
            return {};
        }
        return quarantine(who, device_id, lane, m, e.what(), reply);
    }
}

outcome sync_service::quarantine(
    core::principal const& who,
    std::string const& device_id,
    sync::lane lane,
    mutation const& m,
    std::string const& error,
    push_reply& reply
)
{
    auto const now = clock_.now();
    reply.stopped_seq = m.seq;
    reply.stopped_reason = "server_error";
    reply.retry_after_ms = settings_.retry_after_ms;
    try
    {
        std::pair<int, core::millis> count;
        {
            auto tx = backend_.begin(transaction_kind::write);
            count = tx->get().sync.count_failure(device_id, lane, m.seq, error.substr(0, 200), now);
            tx->commit();
        }
        core::log::error(
            "sync",
            "mutation failed device=" + device_id + " seq=" + std::to_string(m.seq) +
                " attempts=" + std::to_string(count.first)
        );
        if (count.first < settings_.quarantine_after_attempts &&
            now - count.second < settings_.quarantine_after_ms)
            return {};
        // Poison: store it as quarantined (verbatim, for an operator) and let the lane move on.
        auto tx = backend_.begin(transaction_kind::write);
        auto& s = tx->get();
        if (s.sync.lock_lane(device_id, lane) + 1 != m.seq)
            return {}; // another request moved the lane meanwhile; the device will hear on its next push
        auto row = row_for(who, device_id, lane, m, now);
        row.status = "quarantined";
        row.code = "server_error";
        row.message = "the server failed on this mutation " + std::to_string(count.first) +
                      " times; it is kept for an operator";
        s.sync.insert_mutation(row);
        s.sync.set_last_seq(device_id, lane, m.seq);
        tx->commit();
        core::log::error(
            "sync", "quarantined device=" + device_id + " seq=" + std::to_string(m.seq) + " code=" + row.code
        );
        reply.stopped_seq.reset();
        reply.stopped_reason.clear();
        reply.retry_after_ms = 0;
        return from_ledger(row);
    }
    catch (std::exception const&)
    {
        reply.stopped_reason = "transient";
        return {};
    }
}

} // namespace kompetens::sync
