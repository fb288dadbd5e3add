#include "server/http/server.hpp"

#include "server/core/ids.hpp"
#include "server/core/log.hpp"
#include "server/http/connection_deadline.hpp"
#include "server/http/metrics.hpp"
#include "server/http/poke_hub.hpp"
#include "server/http/problem.hpp"
#include "server/storage/unit_of_work.hpp"
#include "sync/protocol/gzip.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <list>
#include <mutex>
#include <thread>

namespace kompetens::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using stream_t = socket_t;
using websocket_t = beast::websocket::stream<stream_t&>;

namespace {

bool valid_request_id(std::string_view id)
{
    if (id.empty() || id.size() > 64)
        return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.'))
            return false;
    return true;
}

// The state of one connection that the drain needs to see: whether it is waiting for a request (and may
// be closed at once) and how to reach its stream on its own strand.
struct connection_entry
{
    stream_t* stream = nullptr;
    net::any_io_executor executor;
    std::atomic<bool> idle{true};
};

} // namespace

struct server::impl
{
    router const& router_;
    services& svc_;
    server_limits limits_;
    net::io_context ioc_;
    net::thread_pool db_pool_;
    tcp::acceptor acceptor_;
    net::signal_set signals_;
    std::mutex conns_mutex_;
    std::list<std::shared_ptr<connection_entry>> conns_;
    std::atomic<int> in_flight_{0};
    std::uint64_t largest_body_limit_ = 0;
    poke_hub pokes_;

    impl(router const& r, services& s, server_limits l)
        : router_(r), svc_(s), limits_(l), ioc_(l.io_threads),
          db_pool_(static_cast<std::size_t>(l.db_threads)), acceptor_(ioc_), signals_(ioc_, SIGINT, SIGTERM)
    {
        for (auto const& rt : router_.routes())
            largest_body_limit_ = std::max<std::uint64_t>(largest_body_limit_, rt.body_limit);
    }

    net::awaitable<void> accept_loop()
    {
        for (;;)
        {
            // A strand per connection only where several threads run the I/O context; with one (the
            // default) it would be pure overhead on every completion.
            stream_t socket{
                limits_.io_threads > 1 ? net::any_io_executor(net::make_strand(ioc_))
                                       : net::any_io_executor(ioc_.get_executor())};
            auto [ec] = co_await acceptor_.async_accept(socket, net::as_tuple(net::use_awaitable));
            if (ec)
            {
                if (ec == net::error::operation_aborted || svc_.draining.load())
                    co_return;
                continue; // e.g. too many open files: keep serving the connections we have
            }
            if (svc_.stats.open_connections() >= limits_.max_connections)
            {
                svc_.stats.connection_rejected();
                beast::error_code ignored;
                socket.close(ignored);
                continue;
            }
            auto ex = socket.get_executor();
            net::co_spawn(ex, run_session(std::move(socket)), net::detached);
        }
    }

    std::shared_ptr<connection_entry> register_connection(stream_t& s)
    {
        auto e = std::make_shared<connection_entry>();
        e->stream = &s;
        e->executor = s.get_executor();
        std::lock_guard lock(conns_mutex_);
        conns_.push_back(e);
        return e;
    }

    void unregister_connection(std::shared_ptr<connection_entry> const& e)
    {
        e->stream = nullptr;
        std::lock_guard lock(conns_mutex_);
        conns_.remove(e);
    }

    /** JSON, CSV and SVG answers of 1 KiB or more go gzip-compressed to a client that accepts it; ranges
        and other binary content as they are. */
    static void compress_if_wanted(response& r, std::string_view accept_encoding)
    {
        if (r.body.size() < 1024 || r.status == 206 || !sync::accepts_gzip(accept_encoding))
            return;
        std::string_view const type = r.content_type;
        if (!type.starts_with("application/json") && !type.starts_with("application/problem+json") &&
            !type.starts_with("text/csv") && !type.starts_with("image/svg+xml"))
            return;
        for (auto const& [k, v] : r.headers)
            if (iequals(k, "Content-Encoding") || iequals(k, "Content-Range"))
                return;
        auto packed = sync::gzip(r.body);
        if (packed.empty() || packed.size() >= r.body.size())
            return;
        r.body = std::move(packed);
        r.set("Content-Encoding", "gzip");
        r.set("Vary", "Accept-Encoding");
    }

    static bhttp::response<bhttp::string_body>
    to_beast(response&& r, std::string const& rid, unsigned version, bool keep_alive)
    {
        bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
        out.set(bhttp::field::server, "kompetens");
        if (!r.body.empty() || r.status != 204)
            out.set(bhttp::field::content_type, r.content_type);
        out.set("X-Request-Id", rid);
        for (auto& [k, v] : r.headers)
            out.insert(k, v);
        out.body() = std::move(r.body);
        out.keep_alive(keep_alive);
        out.prepare_payload();
        return out;
    }

    // Answers an error found while reading (431, 413), then closes gently: stop sending, and read what the
    // client still sends for a moment so that the kernel does not reset the connection before the client
    // has read our answer.
    net::awaitable<void>
    refuse_and_close(stream_t& stream, connection_deadline& deadline, core::errc code, std::string detail)
    {
        auto const rid = core::new_uuid_v7(svc_.clock.now());
        auto res = to_beast(problem(core::failure{code, "", std::move(detail)}, rid), rid, 11, false);
        deadline.expires_after(limits_.write_timeout);
        co_await bhttp::async_write(stream, res);
        svc_.stats.observe("unmatched", "-", res.result_int(), 0);
        beast::error_code ignored;
        stream.shutdown(tcp::socket::shutdown_send, ignored);
        char sink[4096];
        deadline.expires_after(std::chrono::seconds(1));
        for (int i = 0; i < 256; ++i)
        {
            auto [ec, n] = co_await stream.async_read_some(net::buffer(sink));
            if (ec)
                break;
        }
    }

    net::awaitable<void> run_session(stream_t stream)
    {
        svc_.stats.connection_opened();
        auto entry = register_connection(stream);
        connection_deadline deadline{stream};
        beast::flat_buffer buffer;
        bool first = true;
        // Asked once: the peer of a connection does not change between its requests.
        std::string remote_address;
        {
            beast::error_code pec;
            auto const peer = stream.remote_endpoint(pec);
            if (!pec)
                remote_address = peer.address().to_string();
        }
        for (;;)
        {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(limits_.header_limit));
            parser.body_limit(largest_body_limit_);
            deadline.expires_after(first ? limits_.header_timeout : limits_.idle_timeout);
            // Mark idle before looking at the drain flag: the drain sets the flag before it scans, so one
            // of the two always sees the other.
            entry->idle.store(true);
            if (svc_.draining.load())
                break;
            auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser);
            entry->idle.store(false);
            if (hec == bhttp::error::header_limit)
            {
                co_await refuse_and_close(
                    stream, deadline, core::errc::header_too_large, "the request header block is too large"
                );
                break;
            }
            if (hec)
                break; // timeout, end of stream, cancelled by the drain: nothing to answer
            auto const started = std::chrono::steady_clock::now();

            std::string const target{parser.get().target()};
            std::string const method{parser.get().method_string()};
            auto m = router_.match(method, std::string_view(target).substr(0, target.find('?')));
            // Beast checks a Content-Length against the limit only while it parses the header (with the
            // largest limit of any route, set above); the route's own limit is checked here, and applies
            // to chunked bodies as they arrive.
            auto const route_limit = m.found ? m.found->body_limit : limits::no_body;
            bool const too_large = parser.content_length() && *parser.content_length() > route_limit;
            parser.body_limit(route_limit);
            if (!parser.is_done())
                deadline.expires_after(limits_.body_timeout);
            // Most requests (every GET) have no body: then the parser is done with the header.
            auto [bec, bn] = too_large
                                 ? std::tuple{beast::error_code{bhttp::error::body_limit}, std::size_t{0}}
                             : parser.is_done() ? std::tuple{beast::error_code{}, std::size_t{0}}
                                                : co_await bhttp::async_read(stream, buffer, parser);
            if (bec == bhttp::error::body_limit)
            {
                co_await refuse_and_close(
                    stream,
                    deadline,
                    core::errc::payload_too_large,
                    "the request body is too large for this route"
                );
                break;
            }
            if (bec)
                break;

            // No timeout while the request is handled: a slow query must not cut the answer off.
            deadline.expires_never();
            auto breq = parser.release();
            request req;
            req.method = method;
            req.target = target;
            for (auto const& f : breq)
                req.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
            req.body = std::move(breq.body());
            req.remote_address = remote_address;
            auto const incoming_id = req.header("X-Request-Id");
            std::string rid = valid_request_id(incoming_id) ? std::string(incoming_id)
                                                            : core::new_uuid_v7(svc_.clock.now());

            response res;
            std::string account = "-";
            if (!m.found)
                res = router::unmatched(m, rid);
            else
            {
                request_context ctx{req, svc_, rid, std::move(m.params), std::nullopt};
                if (!m.found->uses_database)
                    res = router_.run(*m.found, ctx);
                else if (svc_.db_queue.load() >= limits_.max_db_queue)
                    res = problem(
                        core::failure{
                            core::errc::database_unavailable, "", "the server is busy; retry shortly"},
                        rid
                    );
                else
                {
                    ++svc_.db_queue;
                    ++in_flight_;
                    // Compressed on the database thread too, so the one I/O thread never packs a page.
                    auto task = [this, &ctx, route = m.found, &breq]() -> net::awaitable<response> {
                        auto r = router_.run(*route, ctx);
                        compress_if_wanted(r, breq[bhttp::field::accept_encoding]);
                        co_return r;
                    };
                    res =
                        co_await net::co_spawn(db_pool_.get_executor(), std::move(task), net::use_awaitable);
                    --in_flight_;
                    --svc_.db_queue;
                }
                if (ctx.principal)
                    account = ctx.principal->account_id;
            }

            if (res.status == 101 && !beast::websocket::is_upgrade(breq))
                res = problem(
                    core::invalid("/Upgrade", "a WebSocket handshake needs Connection: Upgrade and a key"),
                    rid
                );
            if (res.status == 101)
            {
                std::string const subject = std::move(res.poke_subject);
                core::log::info("access", "rid=" + rid + " GET /sync/v1/poke 101 account=" + account);
                svc_.stats.observe("/sync/v1/poke", method, 101, 0);
                deadline.expires_never(); // the WebSocket's own timeouts from here on
                co_await serve_pokes(stream, std::move(breq), subject, *entry);
                break;
            }

            bool const keep_alive = breq.keep_alive() && !svc_.draining.load();
            int const status = res.status;
            compress_if_wanted(res, breq[bhttp::field::accept_encoding]);
            auto out = to_beast(std::move(res), rid, breq.version(), keep_alive);
            deadline.expires_after(limits_.write_timeout);
            auto [wec, wn] = co_await bhttp::async_write(stream, out);
            double const seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::string const route_name = m.found ? std::string(m.found->path) : "unmatched";
            svc_.stats.observe(route_name, method, status, seconds);
            // The access log: ids, route template and status only; never the raw path (it may hold ids of
            // people) nor bodies.
            core::log::info(
                "access",
                "rid=" + rid + " " + method + " " + route_name + " " + std::to_string(status) + " " +
                    std::to_string(static_cast<long long>(seconds * 1000)) + "ms account=" + account
            );
            if (wec || !keep_alive)
                break;
            first = false;
        }
        beast::error_code ignored;
        stream.shutdown(tcp::socket::shutdown_send, ignored);
        unregister_connection(entry);
        svc_.stats.connection_closed();
    }

    // One phone's poke WebSocket: it only ever hears {"pull":true}. Pokes that arrive while one is being
    // written coalesce into the next. Pings at half the idle timeout keep mobile NAT mappings open and find
    // phones that went away.
    struct poke_signal
    {
        net::steady_timer wake;
        std::optional<core::millis> oldest; // creation time of the oldest notice not yet poked
        explicit poke_signal(net::any_io_executor const& ex) : wake(ex) {}
    };

    net::awaitable<void> serve_pokes(
        stream_t& stream,
        bhttp::request<bhttp::string_body> req,
        std::string const& subject,
        connection_entry& entry
    )
    {
        namespace ws = beast::websocket;
        using namespace net::experimental::awaitable_operators;
        websocket_t socket{stream};
        ws::stream_base::timeout t;
        t.handshake_timeout = limits_.write_timeout;
        t.idle_timeout = limits_.idle_timeout;
        t.keep_alive_pings = true;
        socket.set_option(t);
        socket.set_option(ws::stream_base::decorator([](ws::response_type& r) {
            r.set(bhttp::field::server, "kompetens");
        }));
        socket.read_message_max(4096);
        auto [aec] = co_await socket.async_accept(req, net::as_tuple(net::use_awaitable));
        if (aec)
            co_return;

        auto const ex = co_await net::this_coro::executor;
        auto signal = std::make_shared<poke_signal>(ex);
        auto const token = pokes_.subscribe(subject, [signal, ex](core::millis created) {
            net::post(ex, [signal, created] {
                signal->oldest = signal->oldest ? std::min(*signal->oldest, created) : created;
                signal->wake.cancel();
            });
        });
        svc_.stats.poke_listener_added();
        // Idle for the drain from now on: it may close this connection at any time.
        entry.idle.store(true);
        if (!svc_.draining.load())
            co_await (read_until_closed(socket) || write_pokes(socket, *signal));
        pokes_.unsubscribe(token);
        svc_.stats.poke_listener_removed();
    }

    static net::awaitable<void> read_until_closed(websocket_t& socket)
    {
        beast::flat_buffer sink;
        for (;;)
        {
            auto [ec, n] = co_await socket.async_read(sink, net::as_tuple(net::use_awaitable));
            if (ec)
                co_return; // closed by the phone, timed out, or cancelled by the drain
            sink.clear();
        }
    }

    net::awaitable<void> write_pokes(websocket_t& socket, poke_signal& signal)
    {
        static constexpr std::string_view message = R"({"pull":true})";
        socket.text(true);
        for (;;)
        {
            if (!signal.oldest)
            {
                signal.wake.expires_at(net::steady_timer::time_point::max());
                co_await signal.wake.async_wait(net::as_tuple(net::use_awaitable));
                auto const cs = co_await net::this_coro::cancellation_state;
                if (cs.cancelled() != net::cancellation_type::none)
                    co_return; // the reader finished: the connection is over
                continue;
            }
            auto const created = *signal.oldest;
            signal.oldest.reset();
            auto [ec, n] = co_await socket.async_write(
                net::buffer(message.data(), message.size()), net::as_tuple(net::use_awaitable)
            );
            if (ec)
                co_return;
            auto const delay_ms = std::max<core::millis>(0, svc_.clock.now() - created);
            svc_.stats.observe_poke(static_cast<double>(delay_ms) / 1000.0);
        }
    }

    // Reads the outbox on the database pool like a request. It reads even while nobody listens, so that
    // a phone that connects is poked for what happens after, not for the minute before.
    net::awaitable<void> poke_feed()
    {
        net::steady_timer timer{co_await net::this_coro::executor};
        bool primed = false;
        for (;;)
        {
            timer.expires_after(limits_.poke_interval);
            auto [ec] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
            if (ec || svc_.draining.load())
                co_return;
            auto const now = svc_.clock.now();
            auto read = [this, now]() -> net::awaitable<std::optional<std::vector<core::notification>>> {
                try
                {
                    storage::unit_of_work uow{svc_.db, storage::access_mode::read};
                    co_return uow.notifications().created_since(poke_hub::window_start(now), 20'000);
                }
                catch (std::exception const& e)
                {
                    // The database is away: phones still pull on their own schedule; try again next tick.
                    core::log::warning(
                        "poke", std::string("outbox read failed: ") + storage::database::loggable(e)
                    );
                }
                co_return std::nullopt;
            };
            auto rows = co_await net::co_spawn(db_pool_.get_executor(), read(), net::use_awaitable);
            if (!rows)
                continue;
            if (primed)
                pokes_.feed(*rows, now);
            else
                pokes_.prime(*rows, now);
            primed = true;
        }
    }

    void begin_drain()
    {
        if (svc_.draining.exchange(true))
            return;
        core::log::info("http", "draining: no new connections, finishing requests in flight");
        beast::error_code ignored;
        acceptor_.close(ignored);
        signals_.cancel(ignored);
        std::lock_guard lock(conns_mutex_);
        for (auto const& c : conns_)
        {
            if (!c->idle.load())
                continue;
            net::post(c->executor, [c] {
                if (c->stream != nullptr && c->idle.load())
                    c->stream->cancel();
            });
        }
        net::co_spawn(ioc_, wait_for_drain(), net::detached);
    }

    net::awaitable<void> wait_for_drain()
    {
        auto const deadline = std::chrono::steady_clock::now() + limits_.drain_deadline;
        net::steady_timer timer{ioc_};
        while (std::chrono::steady_clock::now() < deadline)
        {
            if (svc_.stats.open_connections() == 0 && in_flight_.load() == 0)
                break;
            timer.expires_after(std::chrono::milliseconds(20));
            co_await timer.async_wait(net::use_awaitable);
        }
        if (svc_.stats.open_connections() != 0)
            core::log::warning(
                "http",
                "drain deadline passed with " + std::to_string(svc_.stats.open_connections()) +
                    " connections open"
            );
        ioc_.stop();
    }
};

server::server(router const& r, services& svc, server_limits limits)
    : impl_(std::make_unique<impl>(r, svc, limits))
{
}

server::~server() = default;

std::uint16_t server::listen(std::string const& address, std::uint16_t port)
{
    auto& a = impl_->acceptor_;
    tcp::endpoint ep{net::ip::make_address(address), port};
    a.open(ep.protocol());
    a.set_option(net::socket_base::reuse_address(true));
    a.bind(ep);
    a.listen(net::socket_base::max_listen_connections);
    return a.local_endpoint().port();
}

void server::run()
{
    auto& i = *impl_;
    i.signals_.async_wait([&i](beast::error_code ec, int) {
        if (!ec)
            i.begin_drain();
    });
    net::co_spawn(i.ioc_, i.accept_loop(), net::detached);
    net::co_spawn(net::make_strand(i.ioc_), i.poke_feed(), net::detached);
    std::vector<std::thread> extra;
    for (int n = 1; n < i.limits_.io_threads; ++n)
        extra.emplace_back([&i] { i.ioc_.run(); });
    i.ioc_.run();
    for (auto& t : extra)
        t.join();
    i.db_pool_.join();
}

void server::stop()
{
    net::post(impl_->ioc_, [this] { impl_->begin_drain(); });
}

} // namespace kompetens::http
