#pragma once
#include "server/core/principal.hpp"
#include "server/http/message.hpp"
#include "server/http/services.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kompetens::http {

/** Everything a handler gets: the request, the path parameters, the request id, the authenticated
    principal (when the route requires one) and the shared services. Lives for one request. */
struct request_context
{
    request const& req;
    services& svc;
    std::string request_id;
    std::vector<std::pair<std::string, std::string>> params;
    std::optional<core::principal> principal;

    std::string const& param(std::string_view name) const;
    /** A decoded query parameter; nullopt when absent. */
    std::optional<std::string> query(std::string_view name) const;
    core::principal const& who() const { return *principal; }
};

} // namespace kompetens::http
