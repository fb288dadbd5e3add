#include "clients/mobile-api/sdk/local_store.hpp"

#include <sqlite3.h>
#include <stdexcept>
#include <variant>

namespace kompetens::mobile {

namespace {

char const* const schema = R"(
create table if not exists sync_state(key text primary key, value text not null);
create table if not exists synced_row(type text not null, id text not null, version text not null,
    data text not null, primary key(type, id));
create table if not exists shadow_row(type text not null, id text not null, version text not null,
    data text not null, primary key(type, id));
create table if not exists outbox(lane integer not null, seq integer not null, mid text not null,
    name text not null, v integer not null, args text not null, hash text not null,
    client_wall_ms integer not null, primary key(lane, seq));
create table if not exists journal(lane integer not null, seq integer not null, mid text not null,
    name text not null, v integer not null, args text not null, hash text not null,
    client_wall_ms integer not null, primary key(lane, seq));
create table if not exists needs_attention(mid text primary key, lane integer not null, seq integer not null,
    name text not null, v integer not null, args text not null, hash text not null,
    client_wall_ms integer not null, status text not null, code text not null, field text not null,
    message text not null, noted_at_ms integer not null);
create table if not exists lease(delegation_id text primary key, version integer not null,
    expires_at_ms integer not null, sig text not null);
create table if not exists content(sha256 text primary key, bytes blob not null);
)";

using value = std::variant<std::nullptr_t, long long, std::string>;

class statement
{
public:
    statement(sqlite3* db, char const* sql, std::vector<value> const& binds) : db_(db)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK)
            fail();
        int i = 1;
        for (auto const& b : binds)
        {
            int rc = SQLITE_OK;
            if (auto const* n = std::get_if<long long>(&b))
                rc = sqlite3_bind_int64(st_, i, *n);
            else if (auto const* s = std::get_if<std::string>(&b))
                rc = sqlite3_bind_text(st_, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
            else
                rc = sqlite3_bind_null(st_, i);
            if (rc != SQLITE_OK)
                fail();
            ++i;
        }
    }
    ~statement() { sqlite3_finalize(st_); }
    statement(statement const&) = delete;
    statement& operator=(statement const&) = delete;

    bool step()
    {
        int const rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            fail();
        return false;
    }
    std::string text(int col) const
    {
        auto const* p = sqlite3_column_blob(st_, col);
        auto const n = sqlite3_column_bytes(st_, col);
        return p ? std::string(static_cast<char const*>(p), static_cast<std::size_t>(n)) : std::string();
    }
    long long integer(int col) const { return sqlite3_column_int64(st_, col); }

private:
    [[noreturn]] void fail() const
    {
        throw std::runtime_error(std::string("local store: ") + sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

void run(sqlite3* db, char const* sql, std::vector<value> const& binds = {})
{
    statement st{db, sql, binds};
    while (st.step())
    {
    }
}

char const* table(bool shadow)
{
    return shadow ? "shadow_row" : "synced_row";
}

std::vector<value> write_values(pending_write const& w)
{
    return {
        static_cast<long long>(w.lane),
        w.seq,
        w.mid,
        w.name,
        static_cast<long long>(w.v),
        w.args,
        w.hash,
        static_cast<long long>(w.client_wall_ms)};
}

pending_write read_write(statement const& st, int from = 0)
{
    pending_write w;
    w.lane = static_cast<int>(st.integer(from));
    w.seq = st.integer(from + 1);
    w.mid = st.text(from + 2);
    w.name = st.text(from + 3);
    w.v = static_cast<int>(st.integer(from + 4));
    w.args = st.text(from + 5);
    w.hash = st.text(from + 6);
    w.client_wall_ms = st.integer(from + 7);
    return w;
}

constexpr char const* write_columns = "lane, seq, mid, name, v, args, hash, client_wall_ms";

} // namespace

local_store::local_store(std::string const& path)
{
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    {
        std::string const why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw std::runtime_error("cannot open " + path + ": " + why);
    }
    sqlite3_busy_timeout(db_, 5000);
    exec("pragma journal_mode=wal; pragma synchronous=full;");
    exec(schema);
}

local_store::~local_store()
{
    sqlite3_close(db_);
}

void local_store::exec(std::string const& sql)
{
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK)
    {
        std::string const why = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error("local store: " + why);
    }
}

local_store::transaction::transaction(local_store& s) : s_(s)
{
    s_.exec("begin immediate");
}

local_store::transaction::~transaction()
{
    if (!done_)
        sqlite3_exec(s_.db_, "rollback", nullptr, nullptr, nullptr);
}

void local_store::transaction::commit()
{
    s_.exec("commit");
    done_ = true;
}

std::optional<std::string> local_store::get(std::string const& key)
{
    statement st{db_, "select value from sync_state where key = ?", {key}};
    if (!st.step())
        return std::nullopt;
    return st.text(0);
}

long long local_store::get_int(std::string const& key, long long fallback)
{
    auto v = get(key);
    return v ? std::stoll(*v) : fallback;
}

void local_store::set(std::string const& key, std::string const& v)
{
    run(db_,
        "insert into sync_state(key, value) values (?, ?) on conflict(key) do update set value = "
        "excluded.value",
        {key, v});
}

void local_store::set_int(std::string const& key, long long v)
{
    set(key, std::to_string(v));
}

void local_store::erase(std::string const& key)
{
    run(db_, "delete from sync_state where key = ?", {key});
}

void local_store::put_row(bool shadow, synced_row const& r)
{
    std::string const sql = std::string("insert into ") + table(shadow) +
                            "(type, id, version, data) values (?, ?, ?, ?) on conflict(type, id) do update "
                            "set version = excluded.version, data = excluded.data";
    run(db_, sql.c_str(), {r.type, r.id, r.version, r.data});
}

void local_store::delete_row(bool shadow, std::string const& type, std::string const& id)
{
    std::string const sql = std::string("delete from ") + table(shadow) + " where type = ? and id = ?";
    run(db_, sql.c_str(), {type, id});
}

void local_store::clear_rows(bool shadow)
{
    exec(std::string("delete from ") + table(shadow));
}

void local_store::swap_in_shadow()
{
    exec("delete from synced_row; insert into synced_row select * from shadow_row; delete from shadow_row;");
}

std::vector<synced_row> local_store::rows(std::string const& type)
{
    std::vector<synced_row> out;
    statement st{db_, "select type, id, version, data from synced_row where type = ? order by id", {type}};
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
    return out;
}

std::optional<synced_row> local_store::row(std::string const& type, std::string const& id)
{
    statement st{db_, "select type, id, version, data from synced_row where type = ? and id = ?", {type, id}};
    if (!st.step())
        return std::nullopt;
    return synced_row{st.text(0), st.text(1), st.text(2), st.text(3)};
}

sync::view_entries local_store::entries()
{
    sync::view_entries out;
    statement st{db_, "select type, id, version from synced_row", {}};
    while (st.step())
        out[{st.text(0), st.text(1)}] = st.text(2);
    return out;
}

void local_store::enqueue(pending_write const& w)
{
    std::string const sql =
        std::string("insert into outbox(") + write_columns + ") values (?, ?, ?, ?, ?, ?, ?, ?)";
    run(db_, sql.c_str(), write_values(w));
}

std::vector<pending_write> local_store::outbox(int lane, std::size_t limit)
{
    std::vector<pending_write> out;
    std::string const sql =
        std::string("select ") + write_columns + " from outbox where lane = ? order by seq limit ?";
    statement st{db_, sql.c_str(), {static_cast<long long>(lane), static_cast<long long>(limit)}};
    while (st.step())
        out.push_back(read_write(st));
    return out;
}

std::vector<pending_write> local_store::outbox_all()
{
    std::vector<pending_write> out;
    std::string const sql = std::string("select ") + write_columns + " from outbox order by lane, seq";
    statement st{db_, sql.c_str(), {}};
    while (st.step())
        out.push_back(read_write(st));
    return out;
}

std::optional<pending_write> local_store::take_pending(int lane, long long seq)
{
    std::string const sql =
        std::string("select ") + write_columns + " from outbox where lane = ? and seq = ?";
    std::optional<pending_write> w;
    {
        statement st{db_, sql.c_str(), {static_cast<long long>(lane), seq}};
        if (st.step())
            w = read_write(st);
    }
    if (w)
        run(db_, "delete from outbox where lane = ? and seq = ?", {static_cast<long long>(lane), seq});
    return w;
}

std::size_t local_store::outbox_size()
{
    statement st{db_, "select count(*) from outbox", {}};
    st.step();
    return static_cast<std::size_t>(st.integer(0));
}

long long local_store::renumber(int lane)
{
    auto const writes = outbox(lane, 1'000'000);
    run(db_, "delete from outbox where lane = ?", {static_cast<long long>(lane)});
    long long seq = 0;
    for (auto w : writes)
    {
        w.seq = ++seq;
        enqueue(w);
    }
    return seq;
}

void local_store::journal(pending_write const& w)
{
    std::string const sql =
        std::string("insert or replace into journal(") + write_columns + ") values (?, ?, ?, ?, ?, ?, ?, ?)";
    run(db_, sql.c_str(), write_values(w));
}

std::vector<pending_write> local_store::journal_after(int lane, long long seq)
{
    std::vector<pending_write> out;
    std::string const sql =
        std::string("select ") + write_columns + " from journal where lane = ? and seq > ? order by seq";
    statement st{db_, sql.c_str(), {static_cast<long long>(lane), seq}};
    while (st.step())
        out.push_back(read_write(st));
    return out;
}

void local_store::note_attention(attention_item const& a)
{
    auto values = write_values(a.write);
    values.insert(
        values.end(), {a.status, a.code, a.field, a.message, static_cast<long long>(a.noted_at_ms)}
    );
    std::string const sql = std::string("insert or replace into needs_attention(") + write_columns +
                            ", status, code, field, message, noted_at_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?)";
    run(db_, sql.c_str(), values);
}

std::vector<attention_item> local_store::attention()
{
    std::vector<attention_item> out;
    std::string const sql =
        std::string("select ") + write_columns +
        ", status, code, field, message, noted_at_ms from needs_attention order by noted_at_ms, mid";
    statement st{db_, sql.c_str(), {}};
    while (st.step())
    {
        attention_item a;
        a.write = read_write(st);
        a.status = st.text(8);
        a.code = st.text(9);
        a.field = st.text(10);
        a.message = st.text(11);
        a.noted_at_ms = st.integer(12);
        out.push_back(std::move(a));
    }
    return out;
}

bool local_store::acknowledge_attention(std::string const& mid)
{
    run(db_, "delete from needs_attention where mid = ?", {mid});
    return sqlite3_changes(db_) > 0;
}

void local_store::replace_leases(std::vector<stored_lease> const& leases)
{
    exec("delete from lease");
    for (auto const& l : leases)
        run(db_,
            "insert or replace into lease(delegation_id, version, expires_at_ms, sig) values (?, ?, ?, ?)",
            {l.delegation_id,
             static_cast<long long>(l.version),
             static_cast<long long>(l.expires_at_ms),
             l.sig});
}

std::optional<stored_lease> local_store::lease_of(std::string const& delegation_id)
{
    statement st{
        db_,
        "select delegation_id, version, expires_at_ms, sig from lease where delegation_id = ?",
        {delegation_id}};
    if (!st.step())
        return std::nullopt;
    return stored_lease{st.text(0), static_cast<int>(st.integer(1)), st.integer(2), st.text(3)};
}

void local_store::put_content(std::string const& sha256, std::string const& bytes)
{
    run(db_, "insert or replace into content(sha256, bytes) values (?, ?)", {sha256, bytes});
}

std::optional<std::string> local_store::content(std::string const& sha256)
{
    statement st{db_, "select bytes from content where sha256 = ?", {sha256}};
    if (!st.step())
        return std::nullopt;
    return st.text(0);
}

void local_store::wipe()
{
    exec("delete from sync_state; delete from synced_row; delete from shadow_row; delete from outbox; "
         "delete from journal; delete from needs_attention; delete from lease; delete from content;");
}

} // namespace kompetens::mobile
