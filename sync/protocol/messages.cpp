#include "sync/protocol/messages.hpp"

#include "server/core/ids.hpp"
#include "sync/protocol/canonical_json.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace kompetens::sync {

namespace {

using core::invalid;

std::optional<long long> whole(boost::json::value const* v)
{
    if (v == nullptr)
        return std::nullopt;
    if (v->is_int64())
        return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= 9'000'000'000'000'000'000ULL)
        return static_cast<long long>(v->as_uint64());
    return std::nullopt;
}

std::optional<std::string> text(boost::json::object const& o, char const* key)
{
    auto const* v = o.if_contains(key);
    if (v == nullptr || !v->is_string())
        return std::nullopt;
    return std::string(v->as_string());
}

core::result<int> schema_of(boost::json::object const& o)
{
    auto s = whole(o.if_contains("schema_version"));
    if (!s || *s < 1 || *s > 1'000'000)
        return invalid("/schema_version", "must be a positive whole number");
    return static_cast<int>(*s);
}

} // namespace

core::result<push_request> parse_push(boost::json::value const& body)
{
    if (!body.is_object())
        return invalid("", "must be a JSON object");
    auto const& o = body.as_object();
    push_request r;
    auto lane_name_text = text(o, "lane");
    auto l = lane_name_text ? parse_lane(*lane_name_text) : std::nullopt;
    if (!l)
        return invalid("/lane", "must be critical or normal");
    r.lane = *l;
    auto schema = schema_of(o);
    if (!schema)
        return schema.error();
    r.schema_version = *schema;
    auto const* list = o.if_contains("mutations");
    if (list == nullptr || !list->is_array() || list->as_array().empty())
        return invalid("/mutations", "must be a non-empty array");
    if (list->as_array().size() > max_push_mutations)
        return core::failure{
            core::errc::payload_too_large,
            "/mutations",
            "at most " + std::to_string(max_push_mutations) + " mutations per push"};
    auto const& items = list->as_array();
    for (std::size_t i = 0; i < items.size(); ++i)
    {
        auto const at = "/mutations/" + std::to_string(i);
        if (!items[i].is_object())
            return invalid(at, "must be an object");
        auto const& m = items[i].as_object();
        mutation x;
        auto seq = whole(m.if_contains("seq"));
        if (!seq || *seq < 1)
            return invalid(at + "/seq", "must be a whole number from 1");
        x.seq = *seq;
        if (i > 0 && x.seq != r.mutations.back().seq + 1)
            return invalid(at + "/seq", "sequence numbers in a push must be consecutive");
        auto mid = text(m, "mid");
        if (!mid || !core::is_uuid(*mid))
            return invalid(at + "/mid", "must be a UUID");
        x.mid = *mid;
        auto name = text(m, "name");
        if (!name || name->empty() || name->size() > 64)
            return invalid(at + "/name", "must be a mutation name such as progress.record");
        x.name = *name;
        auto v = whole(m.if_contains("v"));
        if (!v || *v < 1 || *v > 1000)
            return invalid(at + "/v", "must be a version number from 1");
        x.v = static_cast<int>(*v);
        auto const* args = m.if_contains("args");
        if (args == nullptr || !args->is_object())
            return invalid(at + "/args", "must be an object");
        x.args = args->as_object();
        auto hash = text(m, "hash");
        if (!hash)
            return invalid(at + "/hash", "must be the mutation hash (sha256:…)");
        if (*hash != mutation_hash(x.name, x.v, x.args))
            return invalid(at + "/hash", "does not match name, v and args (see PROTOCOL.md, Mutation hash)");
        x.hash = *hash;
        if (auto const* wall = m.if_contains("client_wall_ms"); wall != nullptr && !wall->is_null())
        {
            auto w = whole(wall);
            if (!w)
                return invalid(at + "/client_wall_ms", "must be epoch milliseconds");
            x.client_wall_ms = *w;
        }
        r.mutations.push_back(std::move(x));
    }
    return r;
}

boost::json::object to_json(outcome const& o, std::optional<sync::lane> lane)
{
    boost::json::object j{{"seq", o.seq}, {"mid", o.mid}, {"status", o.status}};
    if (lane)
        j["lane"] = lane_name(*lane);
    if (o.status == "applied")
        j["effects"] = o.effects;
    else if (o.status != "unknown")
    {
        j["code"] = o.code;
        j["message"] = o.message;
        j["retryable"] = false;
        if (!o.field.empty())
            j["field"] = o.field;
    }
    if (o.current)
        j["current"] = *o.current;
    if (o.duplicate)
        j["duplicate"] = true;
    if (o.duplicate_entity)
        j["duplicate_entity"] = true;
    return j;
}

core::result<pull_request> parse_pull(boost::json::value const& body)
{
    if (!body.is_object())
        return invalid("", "must be a JSON object");
    auto const& o = body.as_object();
    pull_request r;
    if (auto const* c = o.if_contains("cookie"); c != nullptr && !c->is_null())
    {
        if (!c->is_string() || c->as_string().size() > 4096)
            return invalid("/cookie", "must be the cookie of the last pull, or null");
        r.cookie = std::string(c->as_string());
    }
    auto schema = schema_of(o);
    if (!schema)
        return schema.error();
    r.schema_version = *schema;
    if (auto const* acked = o.if_contains("acked"); acked != nullptr)
    {
        if (!acked->is_object())
            return invalid("/acked", "must be an object of lane: last acknowledged seq");
        for (auto const& [k, v] : acked->as_object())
        {
            auto l = parse_lane(k);
            auto n = whole(&v);
            if (!l || !n || *n < 0)
                return invalid("/acked/" + std::string(k), "must be a lane with a whole number from 0");
            (*l == lane::critical ? r.acked_critical : r.acked_normal) = *n;
        }
    }
    if (auto const* limit = o.if_contains("limit"); limit != nullptr)
    {
        if (!limit->is_object())
            return invalid("/limit", "must be an object");
        if (auto rows = whole(limit->as_object().if_contains("rows")))
            r.limit.rows =
                static_cast<std::size_t>(std::clamp<long long>(*rows, min_page_rows, max_page_rows));
        if (auto bytes = whole(limit->as_object().if_contains("bytes")))
            r.limit.bytes =
                static_cast<std::size_t>(std::clamp<long long>(*bytes, min_page_bytes, max_page_bytes));
    }
    if (auto const* types = o.if_contains("refresh_types"); types != nullptr)
    {
        if (!types->is_array() || types->as_array().size() > 32)
            return invalid("/refresh_types", "must be an array of entity types");
        for (auto const& t : types->as_array())
        {
            if (!t.is_string() || t.as_string().size() > 64)
                return invalid("/refresh_types", "must be an array of entity types");
            r.refresh_types.emplace_back(t.as_string());
        }
    }
    return r;
}

core::result<hello_request> parse_hello(boost::json::value const& body)
{
    if (!body.is_object())
        return invalid("", "must be a JSON object");
    auto const& o = body.as_object();
    hello_request h;
    auto app = text(o, "app_version");
    if (!app || app->empty() || app->size() > 64)
        return invalid("/app_version", "must be the app's version, such as 1.4.2");
    h.app_version = *app;
    auto schema = schema_of(o);
    if (!schema)
        return schema.error();
    h.schema_version = *schema;
    h.platform = text(o, "platform").value_or("");
    if (h.platform.size() > 64)
        return invalid("/platform", "must be at most 64 characters");
    return h;
}

} // namespace kompetens::sync
