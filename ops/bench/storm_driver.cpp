#include "ops/bench/storm_driver.hpp"

#include "server/core/ids.hpp"
#include "sync/protocol/canonical_json.hpp"
#include "sync/protocol/gzip.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <exception>
#include <random>
#include <stdexcept>

namespace kompetens::bench {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;

constexpr auto tuple_awaitable = net::as_tuple(net::use_awaitable);

long long wall_ms()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch()
    )
        .count();
}

/** A phone's connection to the server, opened again after the server or the network dropped it. */
struct connection
{
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    bool open = false;

    explicit connection(net::any_io_executor ex) : stream(std::move(ex)) {}
};

struct answer
{
    int status = 0; // 0: no answer (refused, reset, timed out)
    int retry_after_ms = 0;
    std::string body;
};

/** One request and its answer on the phone's connection; a transport failure is status 0. */
net::awaitable<answer> send_once(
    connection& c,
    tcp::endpoint const& ep,
    storm_device const& d,
    std::string const& target,
    std::string const& body
)
{
    answer a;
    if (!c.open)
    {
        c.stream.expires_after(std::chrono::seconds(60));
        auto [ec] = co_await c.stream.async_connect(ep, tuple_awaitable);
        if (ec)
        {
            c.stream.close();
            co_return a;
        }
        c.open = true;
        c.buffer.clear();
    }
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::content_type, "application/json");
    req.set(bhttp::field::authorization, "Bearer " + d.token);
    req.set(bhttp::field::accept_encoding, "gzip"); // as the SDK asks: the server pays for compression
    req.set("X-Device-Id", d.device_id);
    req.keep_alive(true);
    req.body() = body;
    req.prepare_payload();
    // A storm queues requests behind each other; two minutes is what a phone would wait before giving up.
    c.stream.expires_after(std::chrono::seconds(120));
    auto [wec, wn] = co_await bhttp::async_write(c.stream, req, tuple_awaitable);
    bhttp::response<bhttp::string_body> res;
    if (!wec)
    {
        auto [rec, rn] = co_await bhttp::async_read(c.stream, c.buffer, res, tuple_awaitable);
        if (!rec)
            a.status = static_cast<int>(res.result_int());
    }
    if (a.status == 0 || !res.keep_alive())
    {
        beast::error_code ignored;
        c.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        c.stream.close();
        c.open = false;
    }
    if (a.status == 0)
        co_return a;
    if (auto it = res.find(bhttp::field::retry_after); it != res.end())
        a.retry_after_ms = std::atoi(std::string(it->value()).c_str()) * 1000;
    if (auto it = res.find(bhttp::field::content_encoding); it != res.end() && it->value() == "gzip")
    {
        auto plain = sync::gunzip(res.body());
        if (!plain)
            throw std::runtime_error(target + ": the gzip body does not unpack");
        a.body = std::move(*plain);
    }
    else
        a.body = std::move(res.body());
    co_return a;
}

/** The answer's JSON when it is 200; 503s and dropped connections are retried after the server's
    Retry-After (or a doubling pause) with jitter, as the SDK does; anything else ends the device. */
net::awaitable<boost::json::value> call(
    connection& c,
    tcp::endpoint const& ep,
    storm_device& d,
    storm_options const& o,
    std::mt19937& rng,
    std::string const& target,
    std::string const& body
)
{
    int pause_ms = 500;
    for (int attempt = 1;; ++attempt)
    {
        auto a = co_await send_once(c, ep, d, target, body);
        if (a.status == 200)
            co_return boost::json::parse(a.body);
        if ((a.status != 0 && a.status != 503) || attempt >= o.max_attempts)
            throw std::runtime_error(
                target + " answered " + std::to_string(a.status) + " after " + std::to_string(attempt) +
                " attempts: " + a.body.substr(0, 300)
            );
        ++d.retries;
        int const base = a.retry_after_ms > 0 ? a.retry_after_ms : pause_ms;
        pause_ms = std::min(pause_ms * 2, 10'000);
        int const wait = base / 2 + std::uniform_int_distribution<int>(0, base / 2)(rng);
        net::steady_timer t{c.stream.get_executor(), std::chrono::milliseconds(wait)};
        co_await t.async_wait(tuple_awaitable);
    }
}

/** `count` new progress events after the lane's last sequence number: what a care worker's phone has
    queued while it was offline. */
std::string push_body(storm_device const& d, int count)
{
    boost::json::array mutations;
    long long const now = wall_ms();
    for (int i = 1; i <= count; ++i)
    {
        long long const seq = d.normal_seq + i;
        boost::json::object args{
            {"event_id", core::new_uuid_v7(now)},
            {"module_id", d.module_ids[static_cast<std::size_t>(seq) % d.module_ids.size()]},
            {"position", (seq * 7) % 101},
            {"occurred_at_ms", now - (count - i) * 60'000}};
        boost::json::value const v = args;
        mutations.push_back(boost::json::object{
            {"seq", seq},
            {"mid", core::new_uuid_v7(now)},
            {"name", "progress.record"},
            {"v", 1},
            {"args", v},
            {"hash", sync::mutation_hash("progress.record", 1, v)},
            {"client_wall_ms", now}});
    }
    return boost::json::serialize(boost::json::object{
        {"lane", "normal"}, {"schema_version", 1}, {"mutations", std::move(mutations)}});
}

net::awaitable<void>
run_device(storm_device& d, storm_options const& o, tcp::endpoint ep, steady::time_point start)
{
    connection c{co_await net::this_coro::executor};
    std::mt19937 rng{static_cast<unsigned>(std::hash<std::string>{}(d.device_id))};
    co_await call(
        c,
        ep,
        d,
        o,
        rng,
        "/sync/v1/hello",
        R"({"app_version":"bench","schema_version":1,"platform":"android"})"
    );
    if (o.mutations > 0)
    {
        // One push of the whole queue (at most 100 a push). A batch stopped by a transient error is sent
        // again whole: what committed comes back as duplicates with its stored outcome.
        std::string const body = push_body(d, o.mutations);
        for (int attempt = 1;; ++attempt)
        {
            auto const j = co_await call(c, ep, d, o, rng, "/sync/v1/push", body);
            int applied = 0;
            for (auto const& r : j.at("results").as_array())
                if (r.at("status").as_string() == "applied")
                    ++applied;
            if (j.at("stopped").is_null())
            {
                d.applied = applied;
                break;
            }
            if (attempt >= o.max_attempts)
                throw std::runtime_error("push stopped every time");
            ++d.retries;
            net::steady_timer t{c.stream.get_executor(), std::chrono::milliseconds(500)};
            co_await t.async_wait(tuple_awaitable);
        }
        d.normal_seq += o.mutations;
    }
    for (;;)
    {
        boost::json::object body{
            {"cookie", d.cookie.empty() ? boost::json::value(nullptr) : boost::json::value(d.cookie)},
            {"schema_version", 1},
            {"acked", {{"critical", 0}, {"normal", d.normal_seq}}}};
        auto const j = co_await call(c, ep, d, o, rng, "/sync/v1/pull", boost::json::serialize(body));
        d.pulled_rows += static_cast<int>(j.at("patch").as_array().size());
        d.cookie = std::string(j.at("cookie").as_string());
        d.server_last_seq = j.at("lanes").at("normal").at("last_seq").as_int64();
        if (!j.at("has_more").as_bool())
            break;
    }
    d.seconds = std::chrono::duration<double>(steady::now() - start).count();
    beast::error_code ignored;
    c.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

} // namespace

double run_storm(std::vector<storm_device>& devices, storm_options const& o)
{
    net::io_context ioc{1};
    tcp::endpoint const ep{net::ip::make_address("127.0.0.1"), o.port};
    auto const start = steady::now();
    for (auto& d : devices)
    {
        d.seconds = 0;
        d.retries = d.pulled_rows = d.applied = 0;
        d.error.clear();
        net::co_spawn(ioc, run_device(d, o, ep, start), [&d](std::exception_ptr e) {
            if (!e)
                return;
            try
            {
                std::rethrow_exception(e);
            }
            catch (std::exception const& x)
            {
                d.error = x.what();
            }
        });
    }
    ioc.run();
    return std::chrono::duration<double>(steady::now() - start).count();
}

} // namespace kompetens::bench
