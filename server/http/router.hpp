#pragma once
#include "server/core/errc.hpp"
#include "server/http/request_context.hpp"
#include "server/http/route.hpp"

#include <string>
#include <vector>

namespace kompetens::http {

/** Matches requests to the route table and runs handlers. Immutable after construction, so thread-safe.
    No path match gives 404; a path match with another method gives 405 with `Allow`. */
class router
{
    std::vector<route> routes_;

public:
    explicit router(std::vector<route> routes);

    struct match_result
    {
        route const* found = nullptr;
        std::vector<std::pair<std::string, std::string>> params;
        std::string allow; // for 405: the methods the path does accept
    };

    match_result match(std::string_view method, std::string_view path) const;

    /** Authenticates, checks the route's access rule and runs the handler. Never throws: an exception
        becomes 503 when the database is down and 500 otherwise, logged with the request id. Blocking when
        the route uses the database. */
    response run(route const& r, request_context& ctx) const;

    /** The 404 or 405 answer for a failed match. */
    static response unmatched(match_result const& m, std::string_view request_id);

    std::vector<route> const& routes() const noexcept { return routes_; }
};

} // namespace kompetens::http
