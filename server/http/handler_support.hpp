#pragma once
#include "server/core/page.hpp"
#include "server/core/training_summary.hpp"
#include "server/http/problem.hpp"
#include "server/http/request_context.hpp"
#include "server/wire/core_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <optional>

namespace kompetens::storage {
class unit_of_work;
}

namespace kompetens::http {

response json_response(int status, boost::json::value const& body);
response error_response(request_context const& ctx, core::failure const& f);

/** `?after=…&limit=…` into a page request (limit defaults to 50; checked by core). */
core::result<core::page_request> page_from_query(request_context const& ctx);

/** Only `?limit=` (1–500, default 100), for lists whose cursor is not an id. */
core::result<int> page_from_query_limit_only(request_context const& ctx);

using wire::opt;

/** The version named by `If-Match: "N"`; 428 when the header is missing, 400 when it is not ours. */
core::result<int> if_match_version(request_context const& ctx);
/** `ETag: "N"` for a record at version N. */
void set_etag(response& r, int version);

/** `{"items": [...], "next_cursor": "…"}`; the cursor is absent on the last page. */
template <class T, class ToJson> response page_response(core::page<T> const& p, ToJson to_json)
{
    boost::json::array items;
    items.reserve(p.items.size());
    for (auto const& item : p.items)
        items.push_back(to_json(item));
    boost::json::object o;
    o["items"] = std::move(items);
    if (p.next)
        o["next_cursor"] = *p.next;
    return json_response(200, o);
}

/** A gender-disaggregated summary (suppressed groups as null, or "suppressed" in CSV), as JSON or, with
    `?format=csv`, CSV; `key` names what each cell counts (`course_id`, `measure`). */
response summary_response(
    request_context const& ctx,
    std::vector<core::summary_cell> const& cells,
    std::string const& key,
    std::string const& filename
);

/** Runs a create in one write transaction and honours `Idempotency-Key`: the first successful outcome is
    stored with the create; a retry with the same key and body gets it back (with `Idempotent-Replayed:
    true`), the same key with another body gets 422 `idempotency_key_reused`. `create` must not commit;
    a response of 400 or more rolls everything back. */
response idempotent_create(
    request_context& ctx,
    std::string_view route_name,
    std::function<response(storage::unit_of_work&)> const& create
);

} // namespace kompetens::http
