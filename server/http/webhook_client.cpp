// The one outgoing HTTP client of the server: webhook deliveries. Beast over plain TCP or TLS, with one
// deadline for the whole exchange, on a private io_context so it never blocks the request threads.
#include "server/http/webhook_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

namespace kompetens::http {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct target
{
    bool tls = false;
    std::string host;
    std::string port;
    std::string path;
};

std::optional<target> parse_target(std::string const& url)
{
    auto u = boost::urls::parse_absolute_uri(url);
    if (!u || !u->has_authority() || u->host().empty() || u->has_userinfo())
        return std::nullopt;
    target t;
    if (u->scheme() == "https")
        t.tls = true;
    else if (u->scheme() != "http")
        return std::nullopt;
    t.host = u->host();
    t.port = u->has_port() ? std::string(u->port()) : (t.tls ? "443" : "80");
    t.path = std::string(u->encoded_target());
    if (t.path.empty())
        t.path = "/";
    return t;
}

template <class Stream>
webhook_outcome exchange(
    Stream& stream,
    target const& t,
    std::string const& body,
    std::vector<std::pair<std::string, std::string>> const& headers,
    beast::tcp_stream& deadline_holder,
    std::chrono::milliseconds timeout,
    net::io_context& ioc
)
{
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, t.path, 11};
    req.set(bhttp::field::host, t.host);
    req.set(bhttp::field::user_agent, "kompetens-webhook/1");
    req.set(bhttp::field::content_type, "application/json");
    for (auto const& [k, v] : headers)
        req.set(k, v);
    req.body() = body;
    req.prepare_payload();

    webhook_outcome out;
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    deadline_holder.expires_after(timeout);
    bhttp::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
        if (ec)
        {
            out.error = "write: " + ec.message();
            return;
        }
        bhttp::async_read(stream, buffer, res, [&](beast::error_code rec, std::size_t) {
            if (rec)
                out.error = "read: " + rec.message();
            else
            {
                out.status = static_cast<int>(res.result_int());
                out.delivered = out.status >= 200 && out.status < 300;
                if (!out.delivered)
                    out.error = "status " + std::to_string(out.status);
            }
        });
    });
    ioc.restart();
    ioc.run();
    return out;
}

} // namespace

bool is_webhook_url(std::string const& url)
{
    return parse_target(url).has_value();
}

webhook_outcome post_webhook(
    std::string const& url,
    std::string const& body,
    std::vector<std::pair<std::string, std::string>> const& headers,
    std::chrono::milliseconds timeout
)
{
    auto const t = parse_target(url);
    if (!t)
        return {false, 0, "not an http(s) URL"};
    net::io_context ioc;
    beast::tcp_stream tcp{ioc};
    beast::error_code ec;
    net::ip::tcp::resolver resolver{ioc};
    auto const endpoints = resolver.resolve(t->host, t->port, ec);
    if (ec)
        return {false, 0, "resolve: " + ec.message()};
    tcp.expires_after(timeout);
    tcp.async_connect(endpoints, [&](beast::error_code cec, auto const&) { ec = cec; });
    ioc.run();
    if (ec)
        return {false, 0, "connect: " + ec.message()};
    if (!t->tls)
        return exchange(tcp, *t, body, headers, tcp, timeout, ioc);

    net::ssl::context ctx{net::ssl::context::tls_client};
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(net::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream&> tls{tcp, ctx};
    if (!SSL_set_tlsext_host_name(tls.native_handle(), t->host.c_str()))
        return {false, 0, "tls: cannot set the server name"};
    tls.set_verify_callback(net::ssl::host_name_verification(t->host));
    tls.async_handshake(net::ssl::stream_base::client, [&](beast::error_code hec) { ec = hec; });
    ioc.restart();
    ioc.run();
    if (ec)
        return {false, 0, "tls handshake: " + ec.message()};
    return exchange(tls, *t, body, headers, tcp, timeout, ioc);
}

} // namespace kompetens::http
