#pragma once
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace kompetens::http {

/** What one delivery attempt came to: a 2xx answer is `delivered`; anything else (no connection, a
    timeout, a TLS failure, another status) is a failure to retry, described in `error` for the log. */
struct webhook_outcome
{
    bool delivered = false;
    int status = 0;
    std::string error;
};

/** POSTs `body` as JSON to an http:// or https:// URL (certificates verified against the system store,
    host name checked), with `headers`, within `timeout` for the whole exchange. Blocking: call it from a
    background thread, never from a request handler. */
webhook_outcome post_webhook(
    std::string const& url,
    std::string const& body,
    std::vector<std::pair<std::string, std::string>> const& headers,
    std::chrono::milliseconds timeout
);

/** Whether `url` is one `post_webhook` can use (http or https, a host, no user info); for config checks. */
bool is_webhook_url(std::string const& url);

} // namespace kompetens::http
