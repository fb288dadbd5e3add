// The sync protocol over HTTP (sync/PROTOCOL.md): hello, push, pull, the course catalogue and module
// content. Every answer is private to its caller (`Cache-Control: no-store, private`, property 30); the
// engines in sync/server decide everything else. The WebSocket poke is authorised here and served by
// server.cpp.
#include "server/core/credentials.hpp"
#include "server/core/training_service.hpp"
#include "server/http/handler_support.hpp"
#include "server/http/json_input.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/sync_backend_impl.hpp"
#include "server/storage/unit_of_work.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/server/sync_service.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace kompetens::http {

namespace {

using namespace kompetens::wire;

response private_json(int status, boost::json::value const& body)
{
    auto r = json_response(status, body);
    r.set("Cache-Control", "no-store, private");
    return r;
}

response sync_problem(request_context& ctx, core::failure const& f, boost::json::object extra = {})
{
    auto r = error_response(ctx, f);
    if (!extra.empty())
    {
        auto body = boost::json::parse(r.body).as_object();
        for (auto& kv : extra)
            body[kv.key()] = kv.value();
        r.body = boost::json::serialize(body);
    }
    r.set("Cache-Control", "no-store, private");
    return r;
}

/** The body as JSON and the device id header, or the problem with them. */
struct sync_input
{
    boost::json::value body;
    std::string device_id;
};

core::result<sync_input> read_input(request_context& ctx)
{
    auto body = parse_json_object(ctx.req);
    if (!body)
        return body.error();
    std::string device(ctx.req.header("X-Device-Id"));
    if (device.empty())
        return core::invalid("/X-Device-Id", "the X-Device-Id header names the device");
    return sync_input{boost::json::value(std::move(*body)), std::move(device)};
}

response hello(request_context& ctx)
{
    auto in = read_input(ctx);
    if (!in)
        return sync_problem(ctx, in.error());
    auto h = sync::parse_hello(in->body);
    if (!h)
        return sync_problem(ctx, h.error());
    storage::sync_backend_impl backend{ctx.svc.db, ctx.request_id};
    auto r = sync::sync_service{backend, ctx.svc.clock, ctx.svc.sync}.hello(ctx.who(), in->device_id, *h);
    if (!r)
        return sync_problem(ctx, r.error());
    return private_json(200, *r);
}

response push(request_context& ctx)
{
    auto in = read_input(ctx);
    if (!in)
        return sync_problem(ctx, in.error());
    auto req = sync::parse_push(in->body);
    if (!req)
        return sync_problem(ctx, req.error());
    storage::sync_backend_impl backend{ctx.svc.db, ctx.request_id};
    auto reply =
        sync::sync_service{backend, ctx.svc.clock, ctx.svc.sync}.push(ctx.who(), in->device_id, *req);
    boost::json::array results;
    for (auto const& o : reply.results)
        results.push_back(sync::to_json(o));
    if (reply.refusal)
    {
        boost::json::object extra{{"results", std::move(results)}, {"last_seq", reply.last_seq}};
        if (reply.refusal->code == core::errc::seq_gap)
            extra["expected_seq"] = reply.expected_seq;
        if (reply.refusal->code == core::errc::seq_payload_mismatch)
            extra["seq"] = reply.mismatch_seq;
        return sync_problem(ctx, *reply.refusal, std::move(extra));
    }
    // Nothing new applied and the database is away: 503, so the device backs off.
    if (reply.stopped_seq && reply.results.empty() && reply.stopped_reason == "transient")
    {
        auto r = sync_problem(
            ctx, core::failure{core::errc::database_unavailable, "", "the database is not reachable"}
        );
        return r;
    }
    boost::json::object out{
        {"server_time_ms", reply.server_time},
        {"sync_epoch", reply.epoch},
        {"lane", sync::lane_name(req->lane)},
        {"last_seq", reply.last_seq},
        {"results", std::move(results)},
        {"stopped", nullptr}};
    if (reply.stopped_seq)
        out["stopped"] = boost::json::object{
            {"seq", *reply.stopped_seq},
            {"reason", reply.stopped_reason},
            {"retry_after_ms", reply.retry_after_ms}};
    return private_json(200, out);
}

response pull(request_context& ctx)
{
    auto in = read_input(ctx);
    if (!in)
        return sync_problem(ctx, in.error());
    auto req = sync::parse_pull(in->body);
    if (!req)
        return sync_problem(ctx, req.error());
    storage::sync_backend_impl backend{ctx.svc.db, ctx.request_id};
    auto r = sync::sync_service{backend, ctx.svc.clock, ctx.svc.sync}.pull(ctx.who(), in->device_id, *req);
    if (!r)
        return sync_problem(ctx, r.error());
    return private_json(200, *r);
}

/** The organisation's courses and their modules as learners see them (no answer keys), each module with
    the hash of its content for `GET /sync/v1/content/{sha256}`. No personal data. */
boost::json::object catalog_of(request_context& ctx)
{
    storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
    core::training_service svc{
        uow.directory(), uow.training(), uow.audit(), uow.notifications(), ctx.svc.clock};
    boost::json::array courses;
    for (auto const& c : svc.list_courses(ctx.who()).value())
    {
        if (c.status == "retired")
            continue;
        boost::json::array modules;
        if (auto mods = svc.modules_for_learner(ctx.who(), c.id))
            for (auto const& m : *mods)
            {
                auto o = module_json(m);
                o.erase("body");
                o["content_sha256"] = core::token_digest(m.body);
                o["content_bytes"] = m.body.size();
                modules.push_back(std::move(o));
            }
        auto o = course_json(c, uow.training().current_version(c.organisation_id, c.id));
        o["modules"] = std::move(modules);
        courses.push_back(std::move(o));
    }
    return {{"courses", std::move(courses)}};
}

response catalog(request_context& ctx)
{
    auto const body = boost::json::serialize(catalog_of(ctx));
    auto const etag = "\"" + core::token_digest(body).substr(0, 32) + "\"";
    response r;
    r.set("ETag", etag);
    r.set("Cache-Control", "private, no-cache");
    if (ctx.req.header("If-None-Match") == etag)
    {
        r.status = 304;
        r.content_type.clear();
        return r;
    }
    r.body = body;
    return r;
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` against a body of `size` bytes: [from, to] inclusive. */
std::optional<std::pair<std::size_t, std::size_t>> parse_range(std::string_view h, std::size_t size)
{
    if (!h.starts_with("bytes=") || size == 0)
        return std::nullopt;
    h.remove_prefix(6);
    auto const dash = h.find('-');
    if (dash == std::string_view::npos || h.find(',') != std::string_view::npos)
        return std::nullopt;
    auto number = [](std::string_view s) -> std::optional<std::size_t> {
        std::size_t n = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec != std::errc{} || p != s.data() + s.size() || s.empty())
            return std::nullopt;
        return n;
    };
    auto a = h.substr(0, dash), b = h.substr(dash + 1);
    if (a.empty())
    {
        auto n = number(b);
        if (!n || *n == 0)
            return std::nullopt;
        return std::pair{size - std::min(*n, size), size - 1};
    }
    auto from = number(a);
    if (!from || *from >= size)
        return std::nullopt;
    auto to = b.empty() ? std::optional{size - 1} : number(b);
    if (!to || *to < *from)
        return std::nullopt;
    return std::pair{*from, std::min(*to, size - 1)};
}

response content(request_context& ctx)
{
    auto const& sha = ctx.param("sha256");
    if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos)
        return sync_problem(ctx, core::invalid("/sha256", "must be a lower-case hex SHA-256"));
    std::optional<std::string> found;
    {
        storage::unit_of_work uow{ctx.svc.db, storage::access_mode::read, ctx.request_id};
        core::training_service svc{
            uow.directory(), uow.training(), uow.audit(), uow.notifications(), ctx.svc.clock};
        for (auto const& c : svc.list_courses(ctx.who()).value())
        {
            for (auto const& m : uow.training().modules_of(ctx.who().organisation_id, c.id))
                if (core::token_digest(m.body) == sha)
                {
                    found = m.body;
                    break;
                }
            if (found)
                break;
        }
    }
    if (!found)
        return sync_problem(ctx, core::not_found("content"));
    response r;
    r.content_type = "text/plain; charset=utf-8";
    r.set("ETag", "\"" + sha + "\"");
    r.set("Accept-Ranges", "bytes");
    r.set("Cache-Control", "private, max-age=31536000, immutable");
    auto const range_header = ctx.req.header("Range");
    if (range_header.empty())
    {
        r.body = std::move(*found);
        return r;
    }
    auto range = parse_range(range_header, found->size());
    if (!range)
    {
        r.status = 416;
        r.set("Content-Range", "bytes */" + std::to_string(found->size()));
        r.content_type.clear();
        return r;
    }
    r.status = 206;
    r.set(
        "Content-Range",
        "bytes " + std::to_string(range->first) + "-" + std::to_string(range->second) + "/" +
            std::to_string(found->size())
    );
    r.body = found->substr(range->first, range->second - range->first + 1);
    return r;
}

/** The WebSocket upgrade is checked here like any request (token, device); the session does the
    handshake when it sees the 101 and its subject. */
response poke(request_context& ctx)
{
    if (!iequals(ctx.req.header("Upgrade"), "websocket"))
        return sync_problem(
            ctx, core::invalid("/Upgrade", "this is a WebSocket: connect with Upgrade: websocket")
        );
    std::string const device(ctx.req.header("X-Device-Id"));
    if (device.empty())
        return sync_problem(ctx, core::invalid("/X-Device-Id", "the X-Device-Id header names the device"));
    storage::sync_backend_impl backend{ctx.svc.db, ctx.request_id};
    auto subject = sync::sync_service{backend, ctx.svc.clock, ctx.svc.sync}.poke_subject(ctx.who(), device);
    if (!subject)
        return sync_problem(ctx, subject.error());
    response r;
    r.status = 101;
    r.poke_subject = std::move(*subject);
    return r;
}

} // namespace

std::vector<route> sync_routes()
{
    auto const any = access_rule::signed_in();
    constexpr std::size_t push_body = sync::max_push_bytes + 64 * 1024; // the envelope around the mutations
    return {
        {"POST", "/sync/v1/hello", any, &hello, true, limits::auth_body},
        {"POST", "/sync/v1/push", any, &push, true, push_body},
        {"POST", "/sync/v1/pull", any, &pull, true, limits::auth_body},
        {"GET", "/sync/v1/catalog", any, &catalog, true, limits::no_body},
        {"GET", "/sync/v1/content/{sha256}", any, &content, true, limits::no_body},
        {"GET", "/sync/v1/poke", any, &poke, true, limits::no_body},
    };
}

} // namespace kompetens::http
