#pragma once
#include "clients/mobile-api/sdk/transport.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace kompetens::mobile {

/** The SDK's HTTP/1.1 client: Beast over TCP or TLS (certificates verified against the system store, host
    name checked), one kept-alive connection, one deadline per exchange, gzip-compressed answers unpacked. A
   kept-alive connection the server has closed is replaced once, transparently. Not thread-safe: one per sync
   engine. */
class http_transport
{
public:
    /** `base_url`: `http://host:port` or `https://host[:port]`. Throws std::invalid_argument otherwise. */
    explicit http_transport(
        std::string const& base_url, std::chrono::milliseconds timeout = std::chrono::seconds(30)
    );
    ~http_transport();
    http_transport(http_transport const&) = delete;
    http_transport& operator=(http_transport const&) = delete;

    reply send(
        std::string const& method,
        std::string const& target,
        std::string const& body,
        header_list const& headers
    );

    /** Body bytes received over the wire so far (compressed as they came), for measuring. */
    std::size_t wire_bytes() const;

    /** A `transport` that forwards to this client (which must outlive it). */
    transport as_transport();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace kompetens::mobile
