#include "server/storage/sync_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

namespace kompetens::storage {

namespace {

constexpr char const* ledger_columns =
    "select device_id, lane, seq, mid, name, v, hash, args, status, code, field, message, result, account_id,"
    " client_wall_ms, received_at from sync_mutation";

sync::ledger_row to_ledger(soci::row const& r)
{
    sync::ledger_row x;
    x.device_id = text_at(r, 0);
    x.lane = sync::parse_lane(text_at(r, 1)).value_or(sync::lane::normal);
    x.seq = int64_at(r, 2);
    x.mid = text_at(r, 3);
    x.name = text_at(r, 4);
    x.v = int_at(r, 5);
    x.hash = text_at(r, 6);
    x.args = text_at(r, 7);
    x.status = text_at(r, 8);
    x.code = text_at(r, 9);
    x.field = text_at(r, 10);
    x.message = text_at(r, 11);
    x.result = text_at(r, 12);
    x.account_id = text_at(r, 13);
    x.client_wall_ms = opt_int64_at(r, 14);
    x.received_at = int64_at(r, 15);
    return x;
}

} // namespace

sync::sync_meta sync_repository::meta()
{
    query_rows rows{
        sql_,
        "select epoch, secret, min_schema, max_schema, push_only_below_schema from sync_meta"
        " where id = 1"};
    sync::sync_meta m;
    for (auto const& r : rows)
        m = sync::sync_meta{int64_at(r, 0), text_at(r, 1), int_at(r, 2), int_at(r, 3), int_at(r, 4)};
    return m;
}

void sync_repository::set_secret_if_empty(std::string const& secret)
{
    sql_ << "update sync_meta set secret = :s where id = 1 and secret = ''", soci::use(secret);
}

long long sync_repository::bump_epoch()
{
    sql_ << "update sync_meta set epoch = epoch + 1 where id = 1";
    return meta().epoch;
}

std::optional<sync::device_state> sync_repository::find_device_state(std::string const& device_id)
{
    query_rows rows{
        sql_,
        "select device_id, app_version, schema_version, last_seen_at, clock_skew_ms, max_ord,"
        " resets, reset_day from sync_device_state where device_id = :d",
        soci::use(device_id)};
    for (auto const& r : rows)
        return sync::device_state{
            text_at(r, 0),
            text_at(r, 1),
            int_at(r, 2),
            int64_at(r, 3),
            opt_int64_at(r, 4),
            int64_at(r, 5),
            int_at(r, 6),
            text_at(r, 7)};
    return std::nullopt;
}

void sync_repository::save_device_state(sync::device_state const& s)
{
    long long const seen = s.last_seen_at;
    nullable_int64 skew{s.clock_skew_ms};
    // max_ord is only ever raised by next_ord: an upsert never lowers it.
    sql_ << "insert into sync_device_state (device_id, app_version, schema_version, last_seen_at, "
            "clock_skew_ms,"
            " max_ord, resets, reset_day) values (:d, :a, :s, :t, :k, 0, :r, :rd)"
            " on conflict (device_id) do update set app_version = excluded.app_version,"
            " schema_version = excluded.schema_version, last_seen_at = excluded.last_seen_at,"
            " clock_skew_ms = excluded.clock_skew_ms, resets = excluded.resets, reset_day = "
            "excluded.reset_day",
        soci::use(s.device_id), soci::use(s.app_version), soci::use(s.schema_version), soci::use(seen),
        soci::use(skew.value, skew.ind), soci::use(s.resets), soci::use(s.reset_day);
}

long long sync_repository::next_ord(std::string const& device_id)
{
    sql_ << "insert into sync_device_state (device_id, app_version, schema_version, last_seen_at, max_ord, "
            "resets,"
            " reset_day) values (:d, '', 0, 0, 0, 0, '') on conflict (device_id) do nothing",
        soci::use(device_id);
    sql_ << "update sync_device_state set max_ord = max_ord + 1 where device_id = :d", soci::use(device_id);
    long long ord = 0;
    sql_ << "select max_ord from sync_device_state where device_id = :d", soci::into(ord),
        soci::use(device_id);
    return ord;
}

long long sync_repository::lock_lane(std::string const& device_id, sync::lane l)
{
    std::string const name(sync::lane_name(l));
    sql_ << "insert into sync_lane (device_id, lane, last_seq) values (:d, :l, 0)"
            " on conflict (device_id, lane) do nothing",
        soci::use(device_id), soci::use(name);
    long long seq = 0;
    sql_ << std::string("select last_seq from sync_lane where device_id = :d and lane = :l") +
                (postgres_ ? " for update" : ""),
        soci::into(seq), soci::use(device_id), soci::use(name);
    return seq;
}

long long sync_repository::last_seq(std::string const& device_id, sync::lane l)
{
    std::string const name(sync::lane_name(l));
    long long seq = 0;
    soci::indicator ind = soci::i_null;
    sql_ << "select last_seq from sync_lane where device_id = :d and lane = :l", soci::into(seq, ind),
        soci::use(device_id), soci::use(name);
    return sql_.got_data() && ind == soci::i_ok ? seq : 0;
}

void sync_repository::set_last_seq(std::string const& device_id, sync::lane l, long long seq)
{
    std::string const name(sync::lane_name(l));
    sql_ << "update sync_lane set last_seq = :s where device_id = :d and lane = :l", soci::use(seq),
        soci::use(device_id), soci::use(name);
}

std::optional<sync::ledger_row>
sync_repository::find_mutation(std::string const& device_id, sync::lane l, long long seq)
{
    std::string const name(sync::lane_name(l));
    query_rows rows{
        sql_,
        std::string(ledger_columns) + " where device_id = :d and lane = :l and seq = :s",
        soci::use(device_id),
        soci::use(name),
        soci::use(seq)};
    for (auto const& r : rows)
        return to_ledger(r);
    return std::nullopt;
}

void sync_repository::insert_mutation(sync::ledger_row const& r)
{
    std::string const name(sync::lane_name(r.lane));
    nullable_int64 wall{r.client_wall_ms};
    long long const received = r.received_at;
    sql_ << "insert into sync_mutation (device_id, lane, seq, mid, name, v, hash, args, status, code, field,"
            " message, result, account_id, client_wall_ms, received_at) values (:d, :l, :s, :mid, :n, :v, "
            ":h, :a,"
            " :st, :c, :f, :m, :r, :acc, :w, :t)",
        soci::use(r.device_id), soci::use(name), soci::use(r.seq), soci::use(r.mid), soci::use(r.name),
        soci::use(r.v), soci::use(r.hash), soci::use(r.args), soci::use(r.status), soci::use(r.code),
        soci::use(r.field), soci::use(r.message), soci::use(r.result), soci::use(r.account_id),
        soci::use(wall.value, wall.ind), soci::use(received);
}

std::vector<sync::ledger_row>
sync_repository::mutations_after(std::string const& device_id, sync::lane l, long long after_seq, int limit)
{
    std::string const name(sync::lane_name(l));
    std::vector<sync::ledger_row> out;
    query_rows rows{
        sql_,
        std::string(ledger_columns) +
            " where device_id = :d and lane = :l and seq > :s order by seq limit :n",
        soci::use(device_id),
        soci::use(name),
        soci::use(after_seq),
        soci::use(limit)};
    for (auto const& r : rows)
        out.push_back(to_ledger(r));
    return out;
}

std::pair<int, core::millis> sync_repository::count_failure(
    std::string const& device_id, sync::lane l, long long seq, std::string const& error, core::millis now
)
{
    std::string const name(sync::lane_name(l));
    long long const at = now;
    sql_
        << "insert into sync_mutation_attempt (device_id, lane, seq, attempts, last_error, first_at, last_at)"
           " values (:d, :l, :s, 1, :e, :t1, :t2) on conflict (device_id, lane, seq) do update set"
           " attempts = sync_mutation_attempt.attempts + 1, last_error = excluded.last_error,"
           " last_at = excluded.last_at",
        soci::use(device_id), soci::use(name), soci::use(seq), soci::use(error), soci::use(at), soci::use(at);
    int attempts = 0;
    long long first = 0;
    sql_ << "select attempts, first_at from sync_mutation_attempt where device_id = :d and lane = :l and seq "
            "= :s",
        soci::into(attempts), soci::into(first), soci::use(device_id), soci::use(name), soci::use(seq);
    return {attempts, first};
}

std::optional<std::string> sync_repository::find_cvr(std::string const& device_id, std::string const& cvr_id)
{
    query_rows rows{
        sql_,
        "select entries from sync_cvr where device_id = :d and id = :id",
        soci::use(device_id),
        soci::use(cvr_id)};
    for (auto const& r : rows)
        return text_at(r, 0);
    return std::nullopt;
}

void sync_repository::insert_cvr(
    std::string const& id,
    std::string const& device_id,
    long long ord,
    std::string const& entries,
    core::millis now
)
{
    long long const at = now;
    sql_ << "insert into sync_cvr (id, device_id, ord, entries, created_at) values (:id, :d, :o, :e, :t)",
        soci::use(id), soci::use(device_id), soci::use(ord), soci::use(entries), soci::use(at);
    // Keep the newest three: a device retrying a lost pull response still finds its previous record.
    sql_ << "delete from sync_cvr where device_id = :d and ord <= :o - 3", soci::use(device_id),
        soci::use(ord);
}

} // namespace kompetens::storage
