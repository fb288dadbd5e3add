#include "server/http/connection_deadline.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace kompetens::http {

namespace net = boost::asio;
using clock = std::chrono::steady_clock;

struct connection_deadline::state
{
    socket_t* socket;
    net::steady_timer timer;
    clock::time_point at = clock::time_point::max();    // when the current operation must be done
    clock::time_point armed = clock::time_point::max(); // when the timer wakes the watcher
    bool stopped = false;
    bool fired = false;

    explicit state(socket_t& s) : socket(&s), timer(s.get_executor()) {}
};

connection_deadline::connection_deadline(socket_t& socket) : state_(std::make_shared<state>(socket))
{
    net::co_spawn(socket.get_executor(), watch(state_), net::detached);
}

connection_deadline::~connection_deadline()
{
    state_->stopped = true;
    state_->socket = nullptr;
    state_->timer.cancel();
}

void connection_deadline::expires_after(clock::duration d)
{
    state_->at = clock::now() + d;
    if (state_->at < state_->armed)
        state_->timer.cancel(); // the watcher wakes and waits for the sooner deadline
}

void connection_deadline::expires_never()
{
    state_->at = clock::time_point::max();
}

bool connection_deadline::fired() const
{
    return state_->fired;
}

net::awaitable<void> connection_deadline::watch(std::shared_ptr<state> s)
{
    for (;;)
    {
        if (s->stopped)
            co_return;
        if (s->at <= clock::now())
        {
            s->fired = true;
            boost::system::error_code ignored;
            // Cancel ends an operation that waits; shutdown ends one whose next step was already queued
            // (it would find the socket at end of stream) and every later one.
            s->socket->cancel(ignored);
            s->socket->shutdown(net::ip::tcp::socket::shutdown_both, ignored);
            co_return;
        }
        s->armed = s->at;
        s->timer.expires_at(s->armed);
        co_await s->timer.async_wait(net::as_tuple(net::use_awaitable));
    }
}

} // namespace kompetens::http
