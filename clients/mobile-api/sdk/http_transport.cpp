// The only file of the SDK that sees Beast and Asio (compiled once in kompetens_asio).
#include "clients/mobile-api/sdk/http_transport.hpp"

#include "sync/protocol/gzip.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <optional>
#include <stdexcept>

namespace kompetens::mobile {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct http_transport::impl
{
    bool tls = false;
    std::string host;
    std::string port;
    std::chrono::milliseconds timeout;
    net::io_context ioc;
    net::ssl::context ssl{net::ssl::context::tls_client};
    std::optional<beast::tcp_stream> tcp;
    std::optional<beast::ssl_stream<beast::tcp_stream&>> secure;
    beast::flat_buffer buffer;
    std::size_t wire_bytes = 0;

    void close()
    {
        secure.reset();
        if (tcp)
        {
            beast::error_code ec;
            tcp->socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
            tcp->socket().close(ec);
        }
        tcp.reset();
        buffer.clear();
    }

    // Runs the io_context until the operation started by `start` completes; errors become transport_error.
    template <class Start> void run(char const* what, Start start)
    {
        beast::error_code ec;
        start([&](beast::error_code e, auto&&...) { ec = e; });
        ioc.restart();
        ioc.run();
        if (ec)
        {
            close();
            throw transport_error(std::string(what) + ": " + ec.message());
        }
    }

    void connect()
    {
        tcp.emplace(ioc);
        net::ip::tcp::resolver resolver{ioc};
        beast::error_code ec;
        auto const endpoints = resolver.resolve(host, port, ec);
        if (ec)
            throw transport_error("resolve: " + ec.message());
        tcp->expires_after(timeout);
        run("connect", [&](auto done) { tcp->async_connect(endpoints, done); });
        if (!tls)
            return;
        secure.emplace(*tcp, ssl);
        if (!SSL_set_tlsext_host_name(secure->native_handle(), host.c_str()))
            throw transport_error("tls: cannot set the server name");
        secure->set_verify_callback(net::ssl::host_name_verification(host));
        run("tls handshake",
            [&](auto done) { secure->async_handshake(net::ssl::stream_base::client, done); });
    }

    template <class Stream>
    reply exchange(Stream& stream, bhttp::request<bhttp::string_body> const& req, bool& keep_alive)
    {
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(64 * 1024 * 1024); // a catalogue's content; pull pages are at most 1 MiB
        tcp->expires_after(timeout);
        run("write", [&](auto done) { bhttp::async_write(stream, req, done); });
        run("read", [&](auto done) { bhttp::async_read(stream, buffer, parser, done); });
        auto& res = parser.get();
        reply r;
        r.status = static_cast<int>(res.result_int());
        for (auto const& f : res)
        {
            std::string name(f.name_string());
            for (auto& c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            r.headers[name] = std::string(f.value());
        }
        r.body = std::move(res.body());
        wire_bytes += r.body.size();
        keep_alive = res.keep_alive();
        if (auto const enc = r.headers.find("content-encoding");
            enc != r.headers.end() && enc->second == "gzip")
        {
            auto plain = sync::gunzip(r.body);
            if (!plain)
            {
                close();
                throw transport_error("a gzip answer that does not unpack");
            }
            r.body = std::move(*plain);
            r.headers.erase(enc);
        }
        return r;
    }
};

http_transport::http_transport(std::string const& base_url, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<impl>())
{
    auto u = boost::urls::parse_absolute_uri(base_url);
    if (!u || !u->has_authority() || u->host().empty() || (u->scheme() != "http" && u->scheme() != "https"))
        throw std::invalid_argument("not an http(s) URL: " + base_url);
    impl_->tls = u->scheme() == "https";
    impl_->host = u->host();
    impl_->port = u->has_port() ? std::string(u->port()) : (impl_->tls ? "443" : "80");
    impl_->timeout = timeout;
    impl_->ssl.set_default_verify_paths();
    impl_->ssl.set_verify_mode(net::ssl::verify_peer);
}

http_transport::~http_transport()
{
    impl_->close();
}

reply http_transport::send(
    std::string const& method, std::string const& target, std::string const& body, header_list const& headers
)
{
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, impl_->host);
    req.set(bhttp::field::user_agent, "kompetens-mobile/1");
    req.set(bhttp::field::accept_encoding, "gzip");
    for (auto const& [k, v] : headers)
        req.set(k, v);
    if (!body.empty())
        req.body() = body;
    req.prepare_payload();
    req.keep_alive(true);
    // A reused connection may have been closed by the server while idle: try once more on a new one.
    // Safe, because every request the SDK sends may be sent twice.
    for (int attempt = 0;; ++attempt)
    {
        bool const reused = impl_->tcp.has_value();
        try
        {
            if (!reused)
                impl_->connect();
            bool keep_alive = false;
            auto r = impl_->secure ? impl_->exchange(*impl_->secure, req, keep_alive)
                                   : impl_->exchange(*impl_->tcp, req, keep_alive);
            if (!keep_alive)
                impl_->close();
            return r;
        }
        catch (transport_error const&)
        {
            impl_->close();
            if (!reused || attempt > 0)
                throw;
        }
    }
}

std::size_t http_transport::wire_bytes() const
{
    return impl_->wire_bytes;
}

transport http_transport::as_transport()
{
    return [this](std::string const& m, std::string const& t, std::string const& b, header_list const& h) {
        return send(m, t, b, h);
    };
}

} // namespace kompetens::mobile
