#include "clients/mobile-api/sdk/mobile_client.hpp"

#include "server/core/ids.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

namespace kompetens::mobile {

namespace {

namespace json = boost::json;

constexpr int critical = 0;
constexpr int normal = 1;

json::object parse_object(std::string const& text)
{
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object())
        return {};
    return std::move(v.as_object());
}

std::string text_of(json::object const& o, char const* key)
{
    auto const* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

long long int_of(json::object const& o, char const* key)
{
    auto const* v = o.if_contains(key);
    return v && v->is_int64() ? v->as_int64() : 0;
}

} // namespace

std::string store_path(std::string const& data_dir, std::string const& username)
{
    std::string safe;
    for (unsigned char c : username)
    {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
            safe += static_cast<char>(c);
        else
        {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            safe += buf;
        }
    }
    return data_dir + "/" + safe + ".db";
}

mobile_client::mobile_client(
    std::string const& data_dir,
    std::string const& username,
    transport t,
    device_clock const& clock,
    engine_settings settings
)
    : store_([&] {
          std::filesystem::create_directories(data_dir);
          return std::make_unique<local_store>(store_path(data_dir, username));
      }()),
      send_(t), clock_(clock), engine_(*store_, std::move(t), clock, std::move(settings)), username_(username)
{
}

std::optional<std::string> mobile_client::sign_in(std::string const& password)
{
    return engine_.sign_in(username_, password);
}

sync_report mobile_client::sync_until_idle(int rounds)
{
    sync_report r;
    for (int i = 0; i < rounds; ++i)
    {
        r = engine_.sync_once();
        if (r.idle || r.wiped || r.signed_out)
            break;
    }
    return r;
}

std::vector<json::object> mobile_client::rows(std::string const& type)
{
    std::vector<json::object> out;
    for (auto const& r : store_->rows(type))
        out.push_back(parse_object(r.data));
    return out;
}

json::object mobile_client::catalog()
{
    return parse_object(store_->get("catalog").value_or("{}"));
}

std::optional<std::string> mobile_client::fetch_catalog()
{
    header_list h{
        {"Authorization", "Bearer " + store_->get("access_token").value_or("")},
        {"X-Device-Id", store_->get("device_id").value_or("")}};
    if (auto etag = store_->get("catalog_etag"))
        h.emplace_back("If-None-Match", *etag);
    reply r;
    try
    {
        r = send_("GET", "/sync/v1/catalog", "", h);
        if (r.status == 401)
        {
            engine_.pull(); // refreshes the token on the way
            h[0].second = "Bearer " + store_->get("access_token").value_or("");
            r = send_("GET", "/sync/v1/catalog", "", h);
        }
    }
    catch (transport_error const& e)
    {
        return std::string("offline: ") + e.what();
    }
    if (r.status == 304)
        return std::nullopt;
    if (r.status != 200 || parse_object(r.body).empty())
        return "the catalogue could not be fetched (HTTP " + std::to_string(r.status) + ")";
    local_store::transaction tx{*store_};
    store_->set("catalog", r.body);
    if (r.headers.count("etag"))
        store_->set("catalog_etag", r.headers.at("etag"));
    tx.commit();
    return std::nullopt;
}

std::optional<std::string> mobile_client::module_content(std::string const& sha256)
{
    if (auto c = store_->content(sha256))
        return c;
    try
    {
        auto r = send_(
            "GET",
            "/sync/v1/content/" + sha256,
            "",
            {{"Authorization", "Bearer " + store_->get("access_token").value_or("")},
             {"X-Device-Id", store_->get("device_id").value_or("")}}
        );
        if (r.status != 200)
            return std::nullopt;
        store_->put_content(sha256, r.body);
        return r.body;
    }
    catch (transport_error const&)
    {
        return std::nullopt;
    }
}

std::vector<assignment_item> mobile_client::assignments()
{
    std::map<std::string, std::string> titles, statuses;
    auto const cat = catalog(); // kept: the loop below points into it
    if (auto const* courses = cat.if_contains("courses"); courses && courses->is_array())
        for (auto const& c : courses->as_array())
            if (c.is_object())
                titles[text_of(c.as_object(), "id")] = text_of(c.as_object(), "title");
    for (auto const& r : rows("requirement"))
        statuses[text_of(r, "course_id")] = text_of(r, "status");
    std::map<std::string, bool> acknowledged_here;
    for (auto const& w : store_->outbox_all())
        if (w.name == "assignment.acknowledge")
            acknowledged_here[text_of(parse_object(w.args), "assignment_id")] = true;

    std::vector<assignment_item> out;
    for (auto const& a : rows("assignment"))
    {
        assignment_item i;
        i.id = text_of(a, "id");
        i.course_id = text_of(a, "course_id");
        i.course_title = titles[i.course_id];
        i.due_date = text_of(a, "due_date");
        i.status = statuses.count(i.course_id) ? statuses[i.course_id] : "assigned";
        i.pending = acknowledged_here.count(i.id) > 0;
        i.acknowledged = i.pending || !a.at("acknowledged_at").is_null();
        out.push_back(std::move(i));
    }
    // What is due first; undated last.
    std::stable_sort(out.begin(), out.end(), [](auto const& x, auto const& y) {
        if (x.due_date.empty() != y.due_date.empty())
            return y.due_date.empty();
        return x.due_date < y.due_date;
    });
    return out;
}

std::vector<progress_item> mobile_client::progress()
{
    std::map<std::string, progress_item> by_module;
    for (auto const& p : rows("progress"))
    {
        progress_item i;
        i.module_id = text_of(p, "module_id");
        i.course_id = text_of(p, "course_id");
        i.position = static_cast<int>(int_of(p, "position"));
        i.done = p.if_contains("done") && p.at("done").is_bool() && p.at("done").as_bool();
        by_module[i.module_id] = i;
    }
    // Read-your-writes: pending progress and completions show at once.
    for (auto const& w : store_->outbox_all())
    {
        auto const args = parse_object(w.args);
        auto const module = text_of(args, "module_id");
        if (module.empty() || (w.name != "progress.record" && w.name != "module.complete"))
            continue;
        auto& i = by_module[module];
        i.module_id = module;
        i.pending = true;
        if (w.name == "progress.record")
            i.position = std::max(i.position, static_cast<int>(int_of(args, "position")));
        else
        {
            i.position = 100;
            i.done = true;
        }
    }
    std::vector<progress_item> out;
    for (auto& [_, i] : by_module)
        out.push_back(std::move(i));
    return out;
}

std::string mobile_client::record_progress(std::string const& module_id, int position)
{
    return engine_.enqueue(
        normal,
        "progress.record",
        {{"event_id", core::new_uuid_v7(clock_.wall_ms())},
         {"module_id", module_id},
         {"position", position},
         {"occurred_at_ms", clock_.wall_ms()}}
    );
}

std::string mobile_client::complete_module(std::string const& module_id)
{
    return engine_.enqueue(normal, "module.complete", {{"module_id", module_id}});
}

std::string mobile_client::submit_attempt(std::string const& module_id, std::vector<int> const& answers)
{
    json::array a;
    for (int x : answers)
        a.emplace_back(x);
    return engine_.enqueue(
        normal,
        "attempt.submit",
        {{"attempt_id", core::new_uuid_v7(clock_.wall_ms())},
         {"module_id", module_id},
         {"answers", std::move(a)}}
    );
}

std::string mobile_client::acknowledge_assignment(std::string const& assignment_id)
{
    return engine_.enqueue(normal, "assignment.acknowledge", {{"assignment_id", assignment_id}});
}

std::vector<delegation_item> mobile_client::delegations()
{
    std::map<std::string, bool> signed_here;
    for (auto const& w : store_->outbox_all())
        if (w.name == "delegation.sign")
            signed_here[text_of(parse_object(w.args), "delegation_id")] = true;
    auto const now = engine_.trusted_now();
    std::vector<delegation_item> out;
    for (auto const& d : rows("delegation"))
    {
        delegation_item i;
        i.id = text_of(d, "id");
        i.role = text_of(d, "role");
        i.state = text_of(d, "state");
        i.valid_from = text_of(d, "valid_from");
        i.valid_to = text_of(d, "valid_to");
        i.version = static_cast<int>(int_of(d, "version"));
        if (auto const* tasks = d.if_contains("task_ids"); tasks && tasks->is_array())
            for (auto const& t : tasks->as_array())
                if (t.is_string())
                    i.task_ids.emplace_back(t.as_string());
        auto const lease = store_->lease_of(i.id);
        if (lease && lease->version == i.version)
            i.lease_expires_at_ms = lease->expires_at_ms;
        bool const suspended =
            d.if_contains("suspended") && d.at("suspended").is_bool() && d.at("suspended").as_bool();
        if (i.state == "active" && i.role == "delegate")
        {
            if (!suspended && now && i.lease_expires_at_ms > 0 && *now < i.lease_expires_at_ms)
                i.label = "usable";
            else
            {
                i.label = "unverified";
                i.unverified_since_ms =
                    i.lease_expires_at_ms > 0 ? i.lease_expires_at_ms : engine_.last_contact_ms();
            }
        }
        else if (i.state == "awaiting_signatures" && i.role == "delegate")
            i.label = signed_here.count(i.id) ? "signed_pending_sync" : "awaiting_confirmation";
        else
            i.label = i.state;
        out.push_back(std::move(i));
    }
    return out;
}

std::optional<delegation_item> mobile_client::delegation(std::string const& id)
{
    for (auto& d : delegations())
        if (d.id == id)
            return d;
    return std::nullopt;
}

bool mobile_client::usable(std::string const& delegation_id)
{
    auto d = delegation(delegation_id);
    return d && d->label == "usable";
}

std::string mobile_client::acknowledge_delegation(std::string const& id, int version)
{
    return engine_.enqueue(critical, "delegation.acknowledge", {{"delegation_id", id}, {"version", version}});
}

std::string mobile_client::sign_delegation(std::string const& id, std::string const& password)
{
    json::object args{{"delegation_id", id}, {"self_assessment_confirmed", true}, {"password", password}};
    if (auto d = delegation(id))
        args["expected_version"] = d->version;
    return engine_.enqueue(critical, "delegation.sign", args);
}

std::string mobile_client::revoke_delegation(
    std::string const& id, std::string const& reason, std::string const& password
)
{
    return engine_.enqueue(
        critical, "delegation.revoke", {{"delegation_id", id}, {"reason", reason}, {"password", password}}
    );
}

std::string mobile_client::record_task(
    std::string const& delegation_id, std::string const& task_id, std::string const& unit_id
)
{
    // The instant by trusted time when there is one: the server flags a claim it cannot believe anyway.
    auto const at = engine_.trusted_now().value_or(clock_.wall_ms());
    json::object args{
        {"record_id", core::new_uuid_v7(clock_.wall_ms())},
        {"delegation_id", delegation_id},
        {"task_id", task_id},
        {"occurred_at_ms", at}};
    if (!unit_id.empty())
        args["unit_id"] = unit_id;
    if (auto l = store_->lease_of(delegation_id))
        args["lease"] =
            json::object{{"version", l->version}, {"expires_at_ms", l->expires_at_ms}, {"sig", l->sig}};
    return engine_.enqueue(critical, "task.record_performed", args);
}

std::string mobile_client::write_placement_note(
    std::string const& placement_id,
    std::string const& written_on,
    std::string const& area,
    std::string const& progress
)
{
    return engine_.enqueue(
        normal,
        "placement.note",
        {{"placement_id", placement_id},
         {"note_id", core::new_uuid_v7(clock_.wall_ms())},
         {"written_on", written_on},
         {"area", area},
         {"progress", progress}}
    );
}

std::string mobile_client::log_mentorship_meeting(
    std::string const& mentorship_id, std::string const& met_on, std::vector<std::string> const& topics
)
{
    json::array t;
    for (auto const& x : topics)
        t.emplace_back(x);
    return engine_.enqueue(
        normal,
        "mentorship.meeting",
        {{"mentorship_id", mentorship_id},
         {"meeting_id", core::new_uuid_v7(clock_.wall_ms())},
         {"met_on", met_on},
         {"topics", std::move(t)}}
    );
}

client_status mobile_client::status()
{
    client_status s;
    s.username = username_;
    s.device_id = store_->get("device_id").value_or("");
    s.pending_writes = store_->outbox_size();
    s.needs_attention = store_->attention().size();
    s.last_contact_ms = engine_.last_contact_ms();
    s.trusted_now_ms = engine_.trusted_now();
    s.synced_rows = store_->entries().size();
    return s;
}

} // namespace kompetens::mobile
