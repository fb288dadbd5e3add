#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kompetens::test {

struct http_reply
{
    int status = 0;
    std::map<std::string, std::string> headers; // names in lower case
    std::string body;
    bool keep_alive = false;

    std::string header(std::string const& lower_name) const;
};

/** A blocking HTTP/1.1 client for tests: one connection, kept alive across calls. Throws on a transport
    error (refused, reset, timeout after 30 s). */
class http_client
{
    struct impl;
    impl* impl_;

public:
    explicit http_client(std::uint16_t port);
    ~http_client();
    http_client(http_client const&) = delete;
    http_client& operator=(http_client const&) = delete;

    http_reply request(
        std::string const& method,
        std::string const& target,
        std::string const& body = "",
        std::vector<std::pair<std::string, std::string>> const& headers = {}
    );
    /** JSON shortcut: sets Content-Type and, when given, the bearer token. */
    http_reply json(
        std::string const& method,
        std::string const& target,
        std::string const& body,
        std::string const& token = ""
    );
    http_reply get(std::string const& target, std::string const& token = "");
};

/** A raw TCP connection for tests that misbehave on purpose (slow, silent, oversized). */
class raw_connection
{
    int fd_ = -1;

public:
    /** Throws when the connection is refused. */
    explicit raw_connection(std::uint16_t port);
    ~raw_connection();
    void send(std::string const& bytes);
    /** Reads until the peer closes or `timeout_ms` passes; returns what arrived. `closed` says which. */
    std::string read_until_close(int timeout_ms, bool& closed);
    /** Reads one complete response (headers and Content-Length body) within `timeout_ms`. */
    std::string read_response(int timeout_ms);
};

/** True when a TCP connection to 127.0.0.1:port is refused right now. */
bool connection_refused(std::uint16_t port);

} // namespace kompetens::test
