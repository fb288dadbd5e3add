#pragma once
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kompetens::mobile {

/** One HTTP answer: status, headers (lower-case names), body. */
struct reply
{
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
};

using header_list = std::vector<std::pair<std::string, std::string>>;

/** No answer at all: refused, reset, timed out, a TLS failure. The request may or may not have reached
    the server; everything the SDK sends is safe to send again. */
struct transport_error : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

/** Sends one request (method, target, body, headers) and returns the answer or throws transport_error.
    The HTTP client in production; tests wrap it to drop, duplicate or reorder. */
using transport = std::function<
    reply(std::string const& method, std::string const& target, std::string const& body, header_list const&)>;

} // namespace kompetens::mobile
