#include "tests/support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace kompetens::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

std::string http_reply::header(std::string const& lower_name) const
{
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
}

struct http_client::impl
{
    net::io_context ioc;
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
    std::uint16_t port;
    bool connected = false;

    void connect()
    {
        net::ip::tcp::endpoint ep{net::ip::make_address("127.0.0.1"), port};
        stream.emplace(ioc);
        stream->expires_after(std::chrono::seconds(30));
        stream->connect(ep);
        connected = true;
        buffer.clear();
    }
};

http_client::http_client(std::uint16_t port) : impl_(new impl)
{
    impl_->port = port;
}

http_client::~http_client()
{
    if (impl_->stream)
    {
        beast::error_code ec;
        impl_->stream->socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    }
    delete impl_;
}

http_reply http_client::request(
    std::string const& method,
    std::string const& target,
    std::string const& body,
    std::vector<std::pair<std::string, std::string>> const& headers
)
{
    if (!impl_->connected)
        impl_->connect();
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (auto const& [k, v] : headers)
        req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    impl_->stream->expires_after(std::chrono::seconds(30));
    bhttp::write(*impl_->stream, req);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(*impl_->stream, impl_->buffer, parser);
    auto res = parser.release();
    http_reply out;
    out.status = res.result_int();
    for (auto const& f : res)
    {
        std::string name{f.name_string()};
        for (auto& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(f.value());
    }
    out.body = res.body();
    out.keep_alive = res.keep_alive();
    if (!out.keep_alive)
    {
        impl_->stream.reset();
        impl_->connected = false;
    }
    return out;
}

http_reply http_client::json(
    std::string const& method, std::string const& target, std::string const& body, std::string const& token
)
{
    std::vector<std::pair<std::string, std::string>> h{{"Content-Type", "application/json"}};
    if (!token.empty())
        h.emplace_back("Authorization", "Bearer " + token);
    return request(method, target, body, h);
}

http_reply http_client::get(std::string const& target, std::string const& token)
{
    std::vector<std::pair<std::string, std::string>> h;
    if (!token.empty())
        h.emplace_back("Authorization", "Bearer " + token);
    return request("GET", target, "", h);
}

namespace {
int connect_fd(std::uint16_t port, int& err)
{
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
    {
        err = errno;
        ::close(fd);
        return -1;
    }
    return fd;
}
} // namespace

raw_connection::raw_connection(std::uint16_t port)
{
    int err = 0;
    fd_ = connect_fd(port, err);
    if (fd_ < 0)
        throw std::runtime_error("connect failed: errno " + std::to_string(err));
}

raw_connection::~raw_connection()
{
    if (fd_ >= 0)
        ::close(fd_);
}

void raw_connection::send(std::string const& bytes)
{
    std::size_t off = 0;
    while (off < bytes.size())
    {
        auto n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
        if (n <= 0)
            throw std::runtime_error("send failed: errno " + std::to_string(errno));
        off += static_cast<std::size_t>(n);
    }
}

std::string raw_connection::read_until_close(int timeout_ms, bool& closed)
{
    std::string out;
    closed = false;
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[4096];
    for (;;)
    {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                .count();
        if (left <= 0)
            return out;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0)
            continue;
        auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0)
        {
            closed = true; // orderly close (0) or reset (<0): either way the server let go
            return out;
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
}

std::string raw_connection::read_response(int timeout_ms)
{
    std::string out;
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[4096];
    while (std::chrono::steady_clock::now() < deadline)
    {
        auto const end = out.find("\r\n\r\n");
        if (end != std::string::npos)
        {
            auto const cl = out.find("Content-Length: ");
            std::size_t len = cl != std::string::npos ? std::stoul(out.substr(cl + 16)) : 0;
            if (out.size() >= end + 4 + len)
                return out;
        }
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0)
            return out;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

bool connection_refused(std::uint16_t port)
{
    int err = 0;
    int fd = connect_fd(port, err);
    if (fd >= 0)
    {
        ::close(fd);
        return false;
    }
    return err == ECONNREFUSED;
}

} // namespace kompetens::test
