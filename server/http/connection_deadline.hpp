#pragma once
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <memory>

namespace kompetens::http {

using executor_t = boost::asio::as_tuple_t<boost::asio::use_awaitable_t<>>::executor_with_default<
    boost::asio::any_io_executor>;
using socket_t = boost::asio::ip::tcp::socket::rebind_executor<executor_t>::other;

/** The timeouts of one connection (header, idle, body, write) kept by one timer per connection instead of
    one per read and write, as beast::tcp_stream does: setting a deadline only stores a time, and the timer
    is moved only when a deadline comes sooner than the one it waits for. On a keep-alive connection that
    is about one wake-up per timeout period instead of two timer operations per request (BENCHMARKS.md,
    B1). When a deadline passes the socket is cancelled and shut down, so that whatever operation is under
    way, or about to start, ends with an error. Not thread-safe: use on the connection's executor. */
class connection_deadline
{
public:
    explicit connection_deadline(socket_t& socket);
    ~connection_deadline();
    connection_deadline(connection_deadline const&) = delete;
    connection_deadline& operator=(connection_deadline const&) = delete;

    void expires_after(std::chrono::steady_clock::duration d);
    void expires_never();
    /** True once a deadline has passed and the socket was shut down. */
    bool fired() const;

private:
    struct state;
    static boost::asio::awaitable<void> watch(std::shared_ptr<state> s);
    std::shared_ptr<state> state_;
};

} // namespace kompetens::http
