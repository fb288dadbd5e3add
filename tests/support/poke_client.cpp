#include "tests/support/poke_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <chrono>
#include <utility>

namespace kompetens::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ws = boost::beast::websocket;

struct poke_client::impl
{
    net::io_context ioc;
    ws::stream<beast::tcp_stream> socket{ioc};
    ws::response_type handshake;
    beast::flat_buffer buffer;
    bool open = false;
    bool reading = false;
    std::optional<std::string> message;
};

poke_client::poke_client(
    std::uint16_t port,
    std::string const& target,
    std::vector<std::pair<std::string, std::string>> const& headers
)
    : impl_(std::make_unique<impl>())
{
    auto& i = *impl_;
    beast::get_lowest_layer(i.socket).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(i.socket).connect(net::ip::tcp::endpoint{net::ip::make_address("127.0.0.1"), port}
    );
    i.socket.set_option(ws::stream_base::decorator([headers](ws::request_type& r) {
        for (auto const& [k, v] : headers)
            r.set(k, v);
    }));
    beast::error_code ec;
    i.socket.handshake(i.handshake, "127.0.0.1:" + std::to_string(port), target, ec);
    i.open = !ec;
    beast::get_lowest_layer(i.socket).expires_never();
}

poke_client::~poke_client() = default;

int poke_client::status() const
{
    return static_cast<int>(impl_->handshake.result_int());
}

std::optional<std::string> poke_client::next(int timeout_ms)
{
    auto& i = *impl_;
    if (!i.open)
        return std::nullopt;
    // A read that timed out stays outstanding for the next call: a WebSocket read cannot be abandoned
    // half way without closing the connection.
    if (!i.reading)
    {
        i.reading = true;
        i.buffer.clear();
        i.socket.async_read(i.buffer, [&i](beast::error_code ec, std::size_t) {
            i.reading = false;
            if (!ec)
                i.message = beast::buffers_to_string(i.buffer.data());
            else
                i.open = false;
        });
    }
    i.ioc.restart();
    i.ioc.run_for(std::chrono::milliseconds(timeout_ms));
    return std::exchange(i.message, std::nullopt);
}

} // namespace kompetens::test
