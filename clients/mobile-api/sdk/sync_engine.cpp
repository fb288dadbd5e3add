#include "clients/mobile-api/sdk/sync_engine.hpp"

#include "server/core/ids.hpp"
#include "sync/protocol/canonical_json.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/view.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace kompetens::mobile {

namespace {

namespace json = boost::json;

constexpr char const* lane_names[2] = {"critical", "normal"};
constexpr int results_per_lane = 200; // the server's cap on outcomes per lane in one pull

std::string lane_key(char const* what, int lane)
{
    return std::string(what) + "." + std::to_string(lane);
}

std::string text_of(json::object const& o, char const* key)
{
    auto const* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

long long int_of(json::object const& o, char const* key, long long fallback = 0)
{
    auto const* v = o.if_contains(key);
    return v && v->is_int64()    ? v->as_int64()
           : v && v->is_uint64() ? static_cast<long long>(v->as_uint64())
                                 : fallback;
}

json::object parse_object(std::string const& text)
{
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object())
        return {};
    return std::move(v.as_object());
}

// Signatures carry the password entered again; it is never kept after the server has the write.
bool holds_secret(pending_write const& w)
{
    return w.args.find("\"password\"") != std::string::npos;
}

std::string problem_text(json::object const& body, int status)
{
    auto detail = text_of(body, "detail");
    auto code = text_of(body, "code");
    if (detail.empty())
        detail = text_of(body, "title");
    return "HTTP " + std::to_string(status) + (code.empty() ? "" : " " + code) +
           (detail.empty() ? "" : ": " + detail);
}

} // namespace

sync_engine::sync_engine(local_store& store, transport t, device_clock const& clock, engine_settings settings)
    : store_(store), send_(std::move(t)), clock_(clock), settings_(std::move(settings))
{
}

std::int64_t sync_engine::backoff_ms(int failures, double u)
{
    std::int64_t d = 1000;
    for (int i = 0; i < failures && d < 300'000; ++i)
        d *= 2;
    d = std::min<std::int64_t>(d, 300'000);
    return d / 2 + static_cast<std::int64_t>(u * static_cast<double>(d / 2));
}

header_list sync_engine::headers()
{
    return {
        {"Authorization", "Bearer " + store_.get("access_token").value_or("")},
        {"Content-Type", "application/json"},
        {"X-Device-Id", store_.get("device_id").value_or("")}};
}

bool sync_engine::signed_in()
{
    return store_.get("refresh_token").has_value() && store_.get("device_id").has_value();
}

void sync_engine::note_server_time(json::object const& body)
{
    auto const t = int_of(body, "server_time_ms");
    if (t <= 0)
        return;
    store_.set_int("server_time_ms", t);
    store_.set_int("mono_ref_ms", clock_.monotonic_ms());
    store_.set("boot_id", clock_.boot_id());
}

std::optional<std::int64_t> sync_engine::trusted_now()
{
    auto const server = store_.get_int("server_time_ms", 0);
    if (server == 0 || store_.get("boot_id").value_or("") != clock_.boot_id())
        return std::nullopt; // never in touch, or rebooted since: nothing to measure from
    auto const elapsed = clock_.monotonic_ms() - store_.get_int("mono_ref_ms", 0);
    if (elapsed < 0)
        return std::nullopt;
    return server + elapsed;
}

std::int64_t sync_engine::last_contact_ms()
{
    return store_.get_int("server_time_ms", 0);
}

std::optional<std::string> sync_engine::sign_in(std::string const& username, std::string const& password)
{
    if (auto owner = store_.get("username"); owner && *owner != username)
        return "this local store belongs to another user";
    json::object login{{"username", username}, {"password", password}};
    reply r;
    try
    {
        r = send_(
            "POST", "/api/v1/auth/login", json::serialize(login), {{"Content-Type", "application/json"}}
        );
    }
    catch (transport_error const& e)
    {
        return std::string("no connection: ") + e.what();
    }
    auto body = parse_object(r.body);
    if (r.status != 200)
        return problem_text(body, r.status);
    if (!store_.get("device_id"))
        store_.set("device_id", core::new_uuid_v7(clock_.wall_ms()));
    if (!register_device(text_of(body, "access_token"), nullptr))
        return "the server refused to register this device";
    store_.set("username", username);
    try
    {
        auto me = send_("GET", "/api/v1/me", "", headers());
        if (me.status == 200)
            store_.set("employee_id", text_of(parse_object(me.body), "employee_id"));
    }
    catch (transport_error const&)
    {
        // The person's id only labels rows as "mine"; the next sign-in fills it in.
    }
    return std::nullopt;
}

bool sync_engine::register_device(std::string const& access_token, sync_report* rep)
{
    for (int attempt = 0; attempt < 2; ++attempt)
    {
        json::object body{
            {"device_id", store_.get("device_id").value_or("")},
            {"platform", settings_.platform},
            {"name", settings_.app_version}};
        reply r;
        try
        {
            r = send_(
                "POST",
                "/api/v1/devices",
                json::serialize(body),
                {{"Authorization", "Bearer " + access_token}, {"Content-Type", "application/json"}}
            );
        }
        catch (transport_error const& e)
        {
            if (rep)
            {
                rep->offline = true;
                rep->error = e.what();
            }
            return false;
        }
        auto const o = parse_object(r.body);
        if (r.status == 201 || r.status == 200)
        {
            store_.set("access_token", text_of(o, "access_token"));
            store_.set("refresh_token", text_of(o, "refresh_token"));
            return true;
        }
        if (r.status == 409)
        {
            new_device_identity(); // taken by someone else or revoked: mint another
            continue;
        }
        if (rep)
            rep->error = problem_text(o, r.status);
        return false;
    }
    return false;
}

void sync_engine::new_device_identity()
{
    // A new device id starts both lanes from 1 again (PROTOCOL.md §3, unknown_device): the pending writes
    // keep their mids and entity ids, so the server still applies each once.
    local_store::transaction tx{store_};
    store_.set("device_id", core::new_uuid_v7(clock_.wall_ms()));
    for (int lane = 0; lane < 2; ++lane)
    {
        store_.set_int(lane_key("next_seq", lane), store_.renumber(lane) + 1);
        store_.set_int(lane_key("acked", lane), 0);
    }
    store_.erase("cookie");
    store_.set_int("ord", 0);
    tx.commit();
}

bool sync_engine::refresh(sync_report& rep)
{
    auto const token = store_.get("refresh_token");
    if (!token)
    {
        rep.signed_out = true;
        return false;
    }
    json::object body{{"refresh_token", *token}, {"device_id", store_.get("device_id").value_or("")}};
    reply r;
    try
    {
        r = send_(
            "POST", "/api/v1/auth/refresh", json::serialize(body), {{"Content-Type", "application/json"}}
        );
    }
    catch (transport_error const& e)
    {
        rep.offline = true;
        rep.error = e.what();
        return false;
    }
    auto const o = parse_object(r.body);
    if (r.status != 200)
    {
        if (r.status == 401)
        {
            rep.signed_out = true;
            store_.erase("access_token");
            store_.erase("refresh_token");
        }
        rep.error = problem_text(o, r.status);
        return false;
    }
    store_.set("access_token", text_of(o, "access_token"));
    store_.set("refresh_token", text_of(o, "refresh_token"));
    return true;
}

std::optional<sync_engine::answer>
sync_engine::call(std::string const& target, json::object const& body, sync_report& rep)
{
    auto const text = json::serialize(body);
    for (int attempt = 0; attempt < 2; ++attempt)
    {
        answer a;
        try
        {
            a.r = send_("POST", target, text, headers());
        }
        catch (transport_error const& e)
        {
            rep.offline = true;
            rep.error = e.what();
            return std::nullopt;
        }
        a.body = parse_object(a.r.body);
        if (a.r.status == 401 && attempt == 0)
        {
            if (!refresh(rep))
                return std::nullopt;
            continue;
        }
        if (a.r.status == 200 && a.body.empty())
        {
            // A cut or garbled body: as if nothing came back.
            rep.offline = true;
            rep.error = "an unreadable answer from " + target;
            return std::nullopt;
        }
        return a;
    }
    return std::nullopt;
}

// A refusal that concerns the device rather than one request. True when the caller may go on.
bool sync_engine::handle_refusal(answer const& a, sync_report& rep)
{
    auto const code = text_of(a.body, "code");
    rep.error = problem_text(a.body, a.r.status);
    if (a.r.status == 410 || code == "wipe_required")
    {
        store_.wipe();
        rep.wiped = true;
        return false;
    }
    if (code == "unknown_device" || code == "seq_payload_mismatch")
    {
        // Register anew (the server lost the device, or holds other writes under these numbers).
        new_device_identity();
        return register_device(store_.get("access_token").value_or(""), &rep);
    }
    if (a.r.status == 503 || a.r.status == 429 || a.r.status >= 500)
    {
        auto const after =
            a.r.headers.count("retry-after") ? std::atoll(a.r.headers.at("retry-after").c_str()) : 1;
        rep.retry_after_ms = std::max<std::int64_t>(rep.retry_after_ms, std::max(1LL, after) * 1000);
    }
    return false;
}

bool sync_engine::hello(sync_report& rep)
{
    json::object body{
        {"app_version", settings_.app_version},
        {"schema_version", settings_.schema_version},
        {"platform", settings_.platform}};
    auto a = call("/sync/v1/hello", body, rep);
    if (!a)
        return false;
    if (a->r.status != 200)
        return handle_refusal(*a, rep) && hello(rep);
    note_server_time(a->body);
    auto const status = text_of(a->body, "device_status");
    if (status == "wipe_required")
    {
        store_.wipe();
        rep.wiped = true;
        return false;
    }
    if (status == "unknown_device")
    {
        new_device_identity();
        return register_device(store_.get("access_token").value_or(""), &rep) && hello(rep);
    }
    // A new epoch (the server was restored from a backup): its `ord` counts again from where the backup
    // stood, so the phone's must be forgotten, or every page would look like a late answer.
    auto const epoch = int_of(a->body, "sync_epoch", 1);
    if (store_.get_int("epoch", epoch) != epoch)
    {
        store_.set_int("ord", 0);
        store_.erase("cookie");
    }
    store_.set_int("epoch", epoch);
    // A lane the server knows less of than the phone was told: the server was restored from a backup.
    // Re-push what the journal still holds; if it does not reach back, say so and start afresh.
    auto const* lanes = a->body.if_contains("lanes");
    for (int lane = 0; lane < 2 && lanes && lanes->is_object(); ++lane)
    {
        auto const* l = lanes->as_object().if_contains(lane_names[lane]);
        if (!l || !l->is_object())
            continue;
        auto const server_last = int_of(l->as_object(), "last_seq");
        auto const acked = store_.get_int(lane_key("acked", lane), 0);
        if (server_last >= acked)
            continue;
        auto const lost = store_.journal_after(lane, server_last);
        bool const covered = !lost.empty() && lost.front().seq == server_last + 1 &&
                             lost.back().seq - lost.front().seq + 1 == static_cast<long long>(lost.size()) &&
                             lost.back().seq >= acked;
        local_store::transaction tx{store_};
        if (covered)
        {
            for (auto const& w : lost)
            {
                // Back into the outbox under their old numbers (a pending write never holds an acknowledged
                // number, but if one did it stays as it is).
                auto const pending = store_.take_pending(lane, w.seq);
                store_.enqueue(pending ? *pending : w);
            }
            store_.set_int(lane_key("acked", lane), server_last);
        }
        else
        {
            attention_item gap;
            gap.write.lane = lane;
            gap.write.seq = server_last + 1;
            gap.write.mid = core::new_uuid_v7(clock_.wall_ms());
            gap.write.name = "sync.gap";
            gap.write.args = "{}";
            gap.status = "quarantined";
            gap.code = "unrecoverable_gap";
            gap.message = "the server lost writes this phone no longer holds; tell support";
            gap.noted_at_ms = clock_.wall_ms();
            store_.note_attention(gap);
        }
        tx.commit();
        if (!covered)
        {
            new_device_identity();
            return register_device(store_.get("access_token").value_or(""), &rep) && hello(rep);
        }
    }
    return true;
}

void sync_engine::apply_outcome(int lane, json::object const& o, sync_report& rep)
{
    auto const seq = int_of(o, "seq");
    auto w = store_.take_pending(lane, seq);
    if (!w)
        return; // already stored from an earlier answer
    auto const status = text_of(o, "status");
    if (status == "rejected" || status == "quarantined")
    {
        attention_item a;
        a.write = *w;
        a.status = status;
        a.code = text_of(o, "code");
        a.field = text_of(o, "field");
        a.message = text_of(o, "message");
        a.noted_at_ms = clock_.wall_ms();
        store_.note_attention(a);
        ++rep.attention;
        return;
    }
    if (!holds_secret(*w))
        store_.journal(*w);
    ++rep.applied;
}

bool sync_engine::push_lane(int lane, sync_report& rep)
{
    int gaps = 0;
    for (int round = 0; round < 10'000; ++round)
    {
        auto batch = store_.outbox(lane, 100);
        if (batch.empty())
            return true;
        json::array mutations;
        std::size_t bytes = 200;
        for (auto const& w : batch)
        {
            json::object m{
                {"seq", w.seq},
                {"mid", w.mid},
                {"name", w.name},
                {"v", w.v},
                {"args", json::parse(w.args)},
                {"hash", w.hash},
                {"client_wall_ms", w.client_wall_ms}};
            bytes += w.args.size() + w.name.size() + 200;
            if (!mutations.empty() && bytes > 500 * 1024)
                break;
            mutations.push_back(std::move(m));
        }
        json::object body{
            {"lane", lane_names[lane]},
            {"schema_version", settings_.schema_version},
            {"mutations", std::move(mutations)}};
        auto a = call("/sync/v1/push", body, rep);
        if (!a)
            return false;
        if (a->r.status == 409 && text_of(a->body, "code") == "seq_gap")
        {
            // The server expects an earlier number than the first the phone still holds: it has lost
            // writes whose outcomes the phone stored (a restore). hello() re-pushes them from the journal.
            if (gaps++ > 0 || !hello(rep))
            {
                rep.error = problem_text(a->body, a->r.status);
                return false;
            }
            continue;
        }
        if (a->r.status != 200)
        {
            if (handle_refusal(*a, rep))
                continue;
            return false;
        }
        note_server_time(a->body);
        {
            local_store::transaction tx{store_};
            if (auto const* results = a->body.if_contains("results"); results && results->is_array())
                for (auto const& r : results->as_array())
                    if (r.is_object())
                        apply_outcome(lane, r.as_object(), rep);
            auto const last = int_of(a->body, "last_seq");
            store_.set_int(
                lane_key("acked", lane), std::max(store_.get_int(lane_key("acked", lane), 0), last)
            );
            if (before_commit)
                before_commit("push.outcomes");
            tx.commit();
        }
        if (auto const* stopped = a->body.if_contains("stopped"); stopped && stopped->is_object())
        {
            rep.error = "the server stopped at seq " + std::to_string(int_of(stopped->as_object(), "seq")) +
                        ": " + text_of(stopped->as_object(), "reason");
            rep.retry_after_ms = std::max<std::int64_t>(
                rep.retry_after_ms, int_of(stopped->as_object(), "retry_after_ms", 1000)
            );
            return false;
        }
    }
    return false;
}

void sync_engine::apply_page(json::object const& page, sync_report& rep)
{
    local_store::transaction tx{store_};
    auto const ord = int_of(page, "ord");
    // Epochs only grow; within one, `ord` does. Anything older is a late answer to an earlier pull: never
    // move back (returning rolls back, nothing is written).
    auto const known_epoch = store_.get_int("epoch", 0);
    auto const epoch = int_of(page, "sync_epoch", known_epoch);
    if (epoch < known_epoch || (epoch == known_epoch && ord <= store_.get_int("ord", 0)))
        return;
    store_.set_int("epoch", epoch);
    bool staging = store_.get_int("staging", 0) == 1;
    if (auto const* patch = page.if_contains("patch"); patch && patch->is_array())
        for (auto const& v : patch->as_array())
        {
            if (!v.is_object())
                continue;
            auto const& op = v.as_object();
            auto const kind = text_of(op, "op");
            if (kind == "clear")
            {
                // A reset: stage the full view aside and swap it in at the end, so the screens never
                // show an empty list halfway. Pending writes are not touched.
                staging = true;
                store_.clear_rows(true);
                ++rep.resets;
                continue;
            }
            auto const type = text_of(op, "type");
            auto const id = text_of(op, "id");
            if (kind == "put")
            {
                auto const* data = op.if_contains("data");
                store_.put_row(
                    staging,
                    {type, id, text_of(op, "version"), data ? json::serialize(*data) : std::string("null")}
                );
            }
            else if (kind == "del")
                store_.delete_row(staging, type, id);
        }
    store_.set_int("staging", staging ? 1 : 0);

    int results_seen[2] = {0, 0};
    if (auto const* results = page.if_contains("mutation_results"); results && results->is_array())
        for (auto const& r : results->as_array())
        {
            if (!r.is_object())
                continue;
            int const lane = text_of(r.as_object(), "lane") == "critical" ? 0 : 1;
            ++results_seen[lane];
            apply_outcome(lane, r.as_object(), rep);
            auto const seq = int_of(r.as_object(), "seq");
            store_.set_int(
                lane_key("acked", lane), std::max(store_.get_int(lane_key("acked", lane), 0), seq)
            );
        }
    // Every outcome above what the phone acknowledged came back (fewer than the server's cap): the phone
    // now holds every outcome up to the lane's last sequence number.
    if (auto const* lanes = page.if_contains("lanes"); lanes && lanes->is_object())
        for (int lane = 0; lane < 2; ++lane)
            if (auto const* l = lanes->as_object().if_contains(lane_names[lane]); l && l->is_object())
            {
                auto const last = int_of(l->as_object(), "last_seq");
                if (results_seen[lane] < results_per_lane)
                {
                    for (auto const& w : store_.outbox(lane, 1'000'000))
                        if (w.seq <= last)
                            apply_outcome(lane, json::object{{"seq", w.seq}, {"status", "applied"}}, rep);
                    store_.set_int(
                        lane_key("acked", lane), std::max(store_.get_int(lane_key("acked", lane), 0), last)
                    );
                }
            }

    std::vector<stored_lease> leases;
    if (auto const* ls = page.if_contains("leases"); ls && ls->is_array())
        for (auto const& v : ls->as_array())
            if (v.is_object())
                leases.push_back(
                    {text_of(v.as_object(), "delegation_id"),
                     static_cast<int>(int_of(v.as_object(), "version")),
                     int_of(v.as_object(), "expires_at_ms"),
                     text_of(v.as_object(), "sig")}
                );
    store_.replace_leases(leases);

    bool const has_more =
        page.if_contains("has_more") && page.at("has_more").is_bool() && page.at("has_more").as_bool();
    if (!has_more && staging)
    {
        store_.swap_in_shadow();
        store_.set_int("staging", 0);
    }
    if (!has_more)
    {
        if (auto const* d = page.if_contains("digest"); d && d->is_object())
            store_.set("digest", json::serialize(*d));
    }
    store_.set("cookie", text_of(page, "cookie"));
    store_.set_int("ord", ord);
    store_.set_int("has_more", has_more ? 1 : 0);
    note_server_time(page);
    if (before_commit)
        before_commit("pull.apply");
    tx.commit();
    ++rep.pages;
}

bool sync_engine::pull_pages(sync_report& rep)
{
    for (int check = 0; check < 2; ++check)
    {
        for (int page = 0; page < 100'000; ++page)
        {
            auto const cookie = store_.get("cookie");
            json::object body{
                {"cookie", cookie && !cookie->empty() ? json::value(*cookie) : json::value(nullptr)},
                {"schema_version", settings_.schema_version},
                {"acked",
                 {{"critical", store_.get_int(lane_key("acked", 0), 0)},
                  {"normal", store_.get_int(lane_key("acked", 1), 0)}}},
                {"limit", {{"rows", settings_.page_rows}, {"bytes", settings_.page_bytes}}}};
            auto a = call("/sync/v1/pull", body, rep);
            if (!a)
                return false;
            if (a->r.status != 200)
            {
                if (handle_refusal(*a, rep))
                    continue;
                return false;
            }
            apply_page(a->body, rep);
            if (store_.get_int("has_more", 0) == 0)
                break;
        }
        // Compare the local copy with the server's digest; a damaged copy is pulled again from scratch,
        // once per cycle (pending writes stay).
        auto const server = parse_object(store_.get("digest").value_or("{}"));
        json::object local;
        for (auto const& [type, d] : sync::digest(store_.entries()))
            local[type] = json::object{{"count", d.count}, {"h", "sha256:" + d.hash}};
        if (local == server)
            return true;
        store_.erase("cookie");
    }
    rep.error = "the local copy does not match the server's after a reset";
    return false;
}

std::string sync_engine::enqueue(int lane, std::string const& name, json::object const& args, int v)
{
    local_store::transaction tx{store_};
    auto const seq = store_.get_int(lane_key("next_seq", lane), 1);
    pending_write w;
    w.lane = lane;
    w.seq = seq;
    w.client_wall_ms = clock_.wall_ms();
    w.mid = core::new_uuid_v7(w.client_wall_ms);
    w.name = name;
    w.v = v;
    w.args = json::serialize(args);
    w.hash = sync::mutation_hash(name, v, args);
    store_.enqueue(w);
    store_.set_int(lane_key("next_seq", lane), seq + 1);
    tx.commit();
    return w.mid;
}

sync_report sync_engine::push(int lane)
{
    sync_report rep;
    if (!signed_in())
    {
        rep.signed_out = true;
        return rep;
    }
    rep.idle = hello(rep) && push_lane(lane, rep);
    return rep;
}

sync_report sync_engine::pull()
{
    sync_report rep;
    if (!signed_in())
    {
        rep.signed_out = true;
        return rep;
    }
    rep.idle = hello(rep) && pull_pages(rep);
    return rep;
}

sync_report sync_engine::sync_once()
{
    sync_report rep;
    if (!signed_in())
    {
        rep.signed_out = true;
        return rep;
    }
    if (!hello(rep))
        return rep;
    // The critical lane first and on its own: a stuck learning write never delays a signature.
    bool const critical = push_lane(0, rep);
    if (rep.wiped || rep.signed_out)
        return rep;
    bool const normal = push_lane(1, rep);
    if (rep.wiped || rep.signed_out)
        return rep;
    bool const pulled = pull_pages(rep);
    rep.idle = critical && normal && pulled && store_.outbox_size() == 0;
    if (rep.idle)
        rep.error.clear();
    return rep;
}

} // namespace kompetens::mobile
