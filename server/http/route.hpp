#pragma once
#include "server/core/principal.hpp"
#include "server/http/message.hpp"

#include <cstddef>
#include <string_view>

namespace kompetens::http {

struct request_context;

/** Who may call a route, declared next to it in the route table. Object-level checks (which
    organisation, which unit, whose record) happen in core on top of this. */
struct access_rule
{
    bool authenticated = true;
    unsigned any_role = 0; // 0: any signed-in account; otherwise at least one of these roles

    static constexpr access_rule anyone() { return access_rule{false, 0}; }
    static constexpr access_rule signed_in() { return access_rule{true, 0}; }
    static constexpr access_rule roles(unsigned mask) { return access_rule{true, mask}; }
};

using handler_fn = response (*)(request_context&);

/** One line of the route table: method and path template (`/api/v1/units/{id}`) to a handler. */
struct route
{
    std::string_view method;
    std::string_view path;
    access_rule access;
    handler_fn handler;
    bool uses_database = true;          // runs on the database thread pool, never on an I/O thread
    std::size_t body_limit = 64 * 1024; // bytes; larger bodies get 413 before they are read
};

namespace limits {
inline constexpr std::size_t no_body = 0;
inline constexpr std::size_t auth_body = 16 * 1024;
inline constexpr std::size_t default_body = 64 * 1024;
} // namespace limits

} // namespace kompetens::http
