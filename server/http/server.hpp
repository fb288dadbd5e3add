#pragma once
#include "server/http/router.hpp"
#include "server/http/services.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace kompetens::http {

struct server_limits
{
    std::size_t header_limit = 8 * 1024;
    std::chrono::milliseconds header_timeout{10'000}; // first request on a connection
    std::chrono::milliseconds idle_timeout{60'000};   // between requests on a kept-alive connection
    std::chrono::milliseconds body_timeout{30'000};
    std::chrono::milliseconds write_timeout{30'000};
    std::chrono::milliseconds drain_deadline{25'000};
    int max_connections = 2000;
    int max_db_queue = 512; // requests waiting for the database beyond this get 503 at once
    int io_threads = 1;     // one is best on two cores (research/perf.md §2)
    int db_threads = 4;     // as many as pooled database sessions, so a lease never waits on a thread
    std::chrono::milliseconds poke_interval{1000}; // how often the notification outbox is read for pokes
};

/** The HTTP/1.1 server: Beast with C++20 coroutines, a strand per connection, keep-alive, per-route body
    limits, timeouts and a connection cap. Handlers that use the database run on a separate thread pool.
    `GET /sync/v1/poke` upgrades to a WebSocket once its route has accepted the caller; while any is open
    the outbox is read every `poke_interval` and the phones of each notice's recipient get `{"pull":true}`.
    `run` blocks until SIGINT/SIGTERM (or `stop`), then drains: `/readyz` turns 503, the listener closes,
    idle connections close, in-flight requests finish until `drain_deadline`. */
class server
{
    struct impl;
    std::unique_ptr<impl> impl_;

public:
    server(router const& r, services& svc, server_limits limits);
    ~server();

    /** Binds and listens; port 0 picks a free port. Returns the bound port. Throws on failure. */
    std::uint16_t listen(std::string const& address, std::uint16_t port);
    /** Serves until a signal or `stop`, then drains. Returns when every thread has finished. */
    void run();
    /** Starts the drain from any thread. */
    void stop();
};

} // namespace kompetens::http
