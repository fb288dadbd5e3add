// B1's baseline: the smallest sensible Beast server, built with the same flags as kompetens-server (one
// I/O thread, C++20 coroutines, keep-alive, a JSON answer of the same size). What kompetens-server adds
// on top (routing, limits, timeouts, request ids, the access log, metrics) is what B1 measures.
//   kompetens-bench-minimal-beast PORT
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <cstdlib>
#include <iostream>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr auto tuple_awaitable = net::as_tuple(net::use_awaitable);

net::awaitable<void> session(tcp::socket socket)
{
    beast::tcp_stream stream{std::move(socket)};
    beast::flat_buffer buffer;
    for (;;)
    {
        bhttp::request<bhttp::string_body> req;
        auto [ec, n] = co_await bhttp::async_read(stream, buffer, req, tuple_awaitable);
        if (ec)
            break;
        bhttp::response<bhttp::string_body> res{
            req.target() == "/healthz" ? bhttp::status::ok : bhttp::status::not_found, req.version()};
        res.set(bhttp::field::content_type, "application/json");
        res.body() = R"({"status":"ok"})";
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        auto [wec, wn] = co_await bhttp::async_write(stream, res, tuple_awaitable);
        if (wec || !res.keep_alive())
            break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

net::awaitable<void> listen(tcp::acceptor& acceptor)
{
    for (;;)
    {
        auto [ec, socket] = co_await acceptor.async_accept(tuple_awaitable);
        if (ec)
            continue;
        net::co_spawn(acceptor.get_executor(), session(std::move(socket)), net::detached);
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2)
    {
        std::cerr << "usage: kompetens-bench-minimal-beast PORT\n";
        return 64;
    }
    net::io_context ioc{1};
    tcp::acceptor acceptor{
        ioc, {net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::atoi(argv[1]))}};
    net::co_spawn(ioc, listen(acceptor), net::detached);
    ioc.run();
}
