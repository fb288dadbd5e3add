#pragma once
#include "server/core/errc.hpp"
#include "server/http/message.hpp"

namespace kompetens::http {

/** The only place that knows which HTTP status an `errc` becomes. */
int status_of(core::errc e) noexcept;

/** An RFC 9457 `application/problem+json` response: type, title, status, detail, the stable `code`, the
    `field` at fault when there is one, and the request id. Adds `Retry-After` for 503 and 429. */
response problem(core::failure const& f, std::string_view request_id);

} // namespace kompetens::http
