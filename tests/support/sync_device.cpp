#include "tests/support/sync_device.hpp"

#include "server/core/ids.hpp"
#include "sync/protocol/canonical_json.hpp"

#include <chrono>

namespace kompetens::test {

namespace {
int index_of(sync::lane l)
{
    return l == sync::lane::critical ? 0 : 1;
}
} // namespace

sync_device::sync_device(transport t, std::string token, std::string device_id, int schema)
    : send_(std::move(t)), token_(std::move(token)), device_id_(std::move(device_id)), schema_(schema)
{
}

header_pairs sync_device::headers() const
{
    return {
        {"Authorization", "Bearer " + token_},
        {"Content-Type", "application/json"},
        {"X-Device-Id", device_id_},
        {"X-Sync-Protocol", "1"}};
}

boost::json::object
sync_device::mutation(sync::lane lane, std::string const& name, boost::json::object args, int v)
{
    auto const now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()
    )
                         .count();
    auto hash = sync::mutation_hash(name, v, args);
    return boost::json::object{
        {"seq", next_seq[index_of(lane)]++},
        {"mid", core::new_uuid_v7(now)},
        {"name", name},
        {"v", v},
        {"args", std::move(args)},
        {"hash", hash},
        {"client_wall_ms", now}};
}

wire_reply sync_device::hello()
{
    boost::json::object body{{"app_version", "test-1.0"}, {"schema_version", schema_}, {"platform", "test"}};
    return send_("POST", "/sync/v1/hello", boost::json::serialize(body), headers());
}

wire_reply sync_device::push(sync::lane lane, std::vector<boost::json::object> const& mutations)
{
    boost::json::array list;
    for (auto const& m : mutations)
        list.push_back(m);
    boost::json::object body{
        {"lane", sync::lane_name(lane)}, {"schema_version", schema_}, {"mutations", list}};
    auto r = send_("POST", "/sync/v1/push", boost::json::serialize(body), headers());
    if (r.status == 200)
        acked[index_of(lane)] = r.json().at("last_seq").as_int64();
    return r;
}

wire_reply sync_device::pull(std::size_t rows_limit, std::size_t bytes)
{
    boost::json::object body{
        {"cookie", cookie.empty() ? boost::json::value(nullptr) : boost::json::value(cookie)},
        {"schema_version", schema_},
        {"acked", {{"critical", acked[0]}, {"normal", acked[1]}}},
        {"limit", {{"rows", rows_limit}, {"bytes", bytes}}}};
    if (!refresh_types.empty())
    {
        boost::json::array types;
        for (auto const& t : refresh_types)
            types.emplace_back(t);
        body["refresh_types"] = std::move(types);
    }
    auto r = send_("POST", "/sync/v1/pull", boost::json::serialize(body), headers());
    if (r.status != 200)
        return r;
    auto const j = r.json();
    auto const ord = j.at("ord").as_int64();
    if (ord <= last_ord)
        return r; // an older answer arriving late never moves the device back (monotonic reads)
    last_ord = ord;
    for (auto const& v : j.at("patch").as_array())
    {
        auto const& op = v.as_object();
        auto const kind = op.at("op").as_string();
        if (kind == "clear")
        {
            saw_clear = true;
            rows.clear();
            versions.clear();
            continue;
        }
        std::pair key{std::string(op.at("type").as_string()), std::string(op.at("id").as_string())};
        if (kind == "put")
        {
            rows[key] = op.at("data").as_object();
            versions[key] = std::string(op.at("version").as_string());
        }
        else
        {
            rows.erase(key);
            versions.erase(key);
        }
    }
    cookie = std::string(j.at("cookie").as_string());
    if (auto const* d = j.if_contains("digest"))
        last_digest = d->as_object();
    return r;
}

std::vector<boost::json::object> sync_device::pull_all(std::size_t rows_limit)
{
    std::vector<boost::json::object> pages;
    for (int i = 0; i < 1000; ++i)
    {
        auto r = pull(rows_limit);
        if (r.status != 200)
            throw std::runtime_error("pull failed: " + std::to_string(r.status) + " " + r.body);
        pages.push_back(r.json());
        if (!pages.back().at("has_more").as_bool())
            break;
    }
    return pages;
}

boost::json::object sync_device::local_digest() const
{
    boost::json::object out;
    for (auto const& [type, d] : sync::digest(versions))
        out[type] = boost::json::object{{"count", d.count}, {"h", "sha256:" + d.hash}};
    return out;
}

std::vector<boost::json::object> sync_device::of_type(std::string const& type) const
{
    std::vector<boost::json::object> out;
    for (auto const& [key, data] : rows)
        if (key.first == type)
            out.push_back(data);
    return out;
}

} // namespace kompetens::test
