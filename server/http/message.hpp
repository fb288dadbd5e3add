#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kompetens::http {

using header_list = std::vector<std::pair<std::string, std::string>>;

/** A request as the handlers see it: parsed once by the session, free of Beast types so that routes and
    their tests compile without the Beast headers. */
struct request
{
    std::string method; // upper case, as sent
    std::string target; // path and query, as sent
    header_list headers;
    std::string body;
    std::string remote_address; // the peer's IP address, for throttling (never logged with a person)

    /** The first header of that name (case-insensitive), or empty. */
    std::string_view header(std::string_view name) const noexcept;
    std::string_view path() const noexcept;
    std::string_view query() const noexcept;
};

/** A response; the session adds Date, Content-Length, Connection and X-Request-Id. */
struct response
{
    int status = 200;
    std::string content_type = "application/json";
    header_list headers;
    std::string body;
    /** With status 101 from `/sync/v1/poke`: the session upgrades to a WebSocket that is poked for this
        employee. Never sent to the client. */
    std::string poke_subject;

    void set(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

bool iequals(std::string_view a, std::string_view b) noexcept;

} // namespace kompetens::http
