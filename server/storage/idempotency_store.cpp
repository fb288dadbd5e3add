#include "server/storage/idempotency_store.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

#include <soci/soci.h>

namespace kompetens::storage {

std::optional<idempotent_outcome>
idempotency_store::find(std::string const& account_id, std::string const& key)
{
    query_rows rows{
        sql_,
        "select request_hash, route, status, body from idempotency_record"
        " where account_id = :a and idem_key = :k",
        soci::use(account_id),
        soci::use(key)};
    for (auto const& r : rows)
        return idempotent_outcome{text_at(r, 0), text_at(r, 1), int_at(r, 2), text_at(r, 3)};
    return std::nullopt;
}

void idempotency_store::save(
    std::string const& account_id, std::string const& key, idempotent_outcome const& o, core::millis now
)
{
    long long const at = now;
    sql_ << "insert into idempotency_record (account_id, idem_key, route, request_hash, status, body, "
            "created_at)"
            " values (:a, :k, :r, :h, :s, :b, :t)",
        soci::use(account_id), soci::use(key), soci::use(o.route), soci::use(o.request_hash),
        soci::use(o.status), soci::use(o.body), soci::use(at);
}

} // namespace kompetens::storage
