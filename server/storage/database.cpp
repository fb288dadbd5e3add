#include "server/storage/database.hpp"

#include "server/core/log.hpp"

#include <boost/url/parse.hpp>
#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace kompetens::storage {

namespace {

bool starts_with(std::string const& s, std::string_view p)
{
    return s.compare(0, p.size(), p) == 0;
}

std::string sqlite_path(std::string const& url)
{
    std::string path = url.substr(std::string_view("sqlite:").size());
    if (starts_with(path, "//"))
        path = path.substr(2);
    if (path.empty() || path.find('"') != std::string::npos)
        throw std::invalid_argument("database URL: sqlite:PATH needs a file path without quotes");
    return path;
}

std::string quote_pg_value(std::string_view v)
{
    std::string out = "'";
    for (char c : v)
    {
        if (c == '\\' || c == '\'')
            out += '\\';
        out += c;
    }
    return out + "'";
}

// SOCI's PostgreSQL backend scans the connect string for its own options and mangles a libpq URI, so the
// URL is turned into libpq's keyword=value form here.
std::string pg_connect_string(std::string const& url)
{
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed)
        throw std::invalid_argument("database URL is not a valid postgresql:// URL");
    auto const& u = *parsed;
    std::string out;
    auto add = [&](std::string_view key, std::string const& value) {
        if (value.empty())
            return;
        if (!out.empty())
            out += ' ';
        out += std::string(key) + "=" + quote_pg_value(value);
    };
    add("host", u.host_address());
    add("port", std::string(u.port()));
    add("user", u.user());
    add("password", u.password());
    std::string db = u.path();
    if (!db.empty() && db.front() == '/')
        db.erase(0, 1);
    add("dbname", db);
    bool has_timeout = false;
    for (auto const& p : u.params())
    {
        has_timeout = has_timeout || p.key == "connect_timeout";
        add(p.key, p.value);
    }
    // Never wait longer than five seconds for a connection: start-up must fail clearly, not hang.
    if (!has_timeout)
        add("connect_timeout", "5");
    return out;
}

} // namespace

std::string database::loggable(std::exception const& e)
{
    if (auto const* se = dynamic_cast<soci::soci_error const*>(&e))
        return se->get_error_message();
    return e.what();
}

std::string database::redact_url(std::string const& url)
{
    auto const scheme = url.find("://");
    auto const at = url.find('@');
    if (scheme == std::string::npos || at == std::string::npos || at < scheme)
        return url;
    auto const colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at)
        return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

database::database(backend k, std::size_t n, database_config cfg)
    : kind_(k), size_(n), cfg_(std::move(cfg)), pool_(std::make_unique<soci::connection_pool>(n)),
      suspect_(std::make_unique<std::atomic<bool>[]>(n))
{
}

database::~database() = default;

void database::configure(soci::session& s)
{
    if (kind_ == backend::sqlite)
    {
        // WAL lets readers run beside the one writer; FULL makes a commit durable on power loss;
        // foreign keys are off by default in SQLite; mmap avoids the 2 MB page-cache pitfall (perf.md §4).
        s << "pragma journal_mode = wal";
        s << "pragma synchronous = full";
        s << "pragma foreign_keys = on";
        s << "pragma busy_timeout = 5000";
        s << "pragma mmap_size = 268435456";
    }
    else
    {
        s << "set statement_timeout = " + std::to_string(cfg_.statement_timeout_ms);
        s << "set lock_timeout = 2000";
        s << "set idle_in_transaction_session_timeout = 30000";
        s << "set application_name = 'kompetens'";
        s << "set client_min_messages = warning";
        if (!cfg_.random_page_cost.empty())
        {
            // Spliced into the statement (SET takes no parameters), so only a plain decimal passes.
            if (cfg_.random_page_cost.find_first_not_of("0123456789.") != std::string::npos)
                throw std::invalid_argument("random_page_cost must be a decimal number");
            s << "set random_page_cost = " + cfg_.random_page_cost;
        }
    }
}

std::unique_ptr<database> database::open(database_config const& cfg)
{
    backend k;
    std::string connect;
    if (starts_with(cfg.url, "sqlite:"))
    {
        k = backend::sqlite;
        connect = "db=\"" + sqlite_path(cfg.url) + "\" timeout=5";
    }
    else if (starts_with(cfg.url, "postgresql://") || starts_with(cfg.url, "postgres://"))
    {
        k = backend::postgresql;
        connect = pg_connect_string(cfg.url);
    }
    else
        throw std::invalid_argument("database URL must start with sqlite: or postgresql://");

    std::size_t const n = cfg.pool_size != 0 ? cfg.pool_size : (k == backend::sqlite ? 2 : 4);
    std::unique_ptr<database> db{new database(k, n, cfg)};
    for (std::size_t i = 0; i < n; ++i)
    {
        try
        {
            auto& s = db->pool_->at(i);
            if (k == backend::sqlite)
                s.open(soci::sqlite3, connect);
            else
                s.open(soci::postgresql, connect);
            db->configure(s);
        }
        catch (std::exception const& e)
        {
            throw database_unavailable(
                "cannot open the database " + redact_url(cfg.url) + ": " + loggable(e)
            );
        }
    }
    return db;
}

database::lease database::acquire()
{
    std::size_t pos = 0;
    ++waiting_;
    bool const got = pool_->try_lease(pos, cfg_.lease_timeout_ms);
    --waiting_;
    if (!got)
        throw database_unavailable("no database session became free in time");
    ++in_use_;
    lease l{*this, pos};
    if (suspect_[pos].load())
    {
        auto& s = pool_->at(pos);
        try
        {
            if (kind_ == backend::postgresql && !s.is_connected())
            {
                s.reconnect();
                configure(s);
                core::log::info("storage", "reconnected pooled session " + std::to_string(pos));
            }
            suspect_[pos].store(false);
        }
        catch (std::exception const&)
        {
            throw database_unavailable("the database does not answer");
        }
    }
    return l;
}

database::lease::~lease()
{
    if (db_ == nullptr)
        return;
    --db_->in_use_;
    db_->pool_->give_back(pos_);
}

soci::session& database::lease::sql()
{
    return db_->pool_->at(pos_);
}

void database::lease::mark_suspect() noexcept
{
    db_->suspect_[pos_].store(true);
}

std::unique_lock<std::mutex> database::write_lock()
{
    if (kind_ == backend::sqlite)
        return std::unique_lock<std::mutex>(writer_);
    return {};
}

bool database::ping() noexcept
{
    try
    {
        auto l = acquire();
        try
        {
            int one = 0;
            l.sql() << "select 1", soci::into(one);
            return one == 1;
        }
        catch (...)
        {
            l.mark_suspect();
            return false;
        }
    }
    catch (...)
    {
        return false;
    }
}

} // namespace kompetens::storage
