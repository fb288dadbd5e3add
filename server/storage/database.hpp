#pragma once
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

namespace soci {
class connection_pool;
class session;
} // namespace soci

namespace kompetens::storage {

enum class backend
{
    sqlite,
    postgresql,
};

struct database_config
{
    std::string url;           // sqlite:PATH | postgresql://… (libpq URI)
    std::size_t pool_size = 0; // 0: 2 for SQLite, 4 for PostgreSQL (about 2 × the database's cores)
    int lease_timeout_ms = 2000;
    int statement_timeout_ms = 5000;
    // PostgreSQL only. A municipality's data fits in memory, where a random read costs about what a
    // sequential one does; with the default 4.0 the planner scans the whole status table of a 1,800-staff
    // organisation for one unit's matrix (BENCHMARKS.md, growth). Empty: leave the server's setting.
    // Validated by the caller (a decimal number).
    std::string random_page_cost = "1.1";
};

/** The database cannot be reached or is too busy right now; the HTTP layer answers 503 + Retry-After. */
class database_unavailable : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/** A pool of SOCI sessions to one SQLite file or one PostgreSQL database.
    Thread-safe. Sessions are leased with a bounded wait and given back by RAII. A session that saw an
    error is marked suspect and is checked (PostgreSQL: pinged, reconnected if dead) on its next lease, so
    the service recovers by itself when the database comes back. SQLite writes are serialised by
    `write_lock`. Blocking: call only from the database thread pool, never from an I/O thread. */
class database
{
public:
    class lease
    {
        database* db_ = nullptr;
        std::size_t pos_ = 0;

    public:
        lease(database& db, std::size_t pos) : db_(&db), pos_(pos) {}
        lease(lease&& o) noexcept : db_(std::exchange(o.db_, nullptr)), pos_(o.pos_) {}
        lease& operator=(lease&&) = delete;
        ~lease();
        soci::session& sql();
        void mark_suspect() noexcept;
    };

    /** Connects every pooled session and applies the session settings. Throws `database_unavailable`
        with the driver's message when the database cannot be reached, `std::invalid_argument` for a
        malformed URL. */
    static std::unique_ptr<database> open(database_config const& cfg);
    ~database();

    backend kind() const noexcept { return kind_; }
    std::size_t pool_size() const noexcept { return size_; }

    /** Waits at most `lease_timeout_ms` for a session; throws `database_unavailable` on timeout or when a
        suspect session cannot be revived. */
    lease acquire();

    /** SQLite has one writer: every write transaction holds this. PostgreSQL gets an unlocked lock. */
    std::unique_lock<std::mutex> write_lock();

    /** A round trip (`select 1`); false if the database does not answer. */
    bool ping() noexcept;

    int in_use() const noexcept { return in_use_.load(); }
    int waiting() const noexcept { return waiting_.load(); }

    /** An exception's message fit for the log: for a SOCI error, the driver's message only, without the
        statement context that SOCI adds (it can carry bound values, i.e. personal data). */
    static std::string loggable(std::exception const& e);

    /** A URL with any password replaced by `***`, for messages and logs. */
    static std::string redact_url(std::string const& url);

private:
    database(backend k, std::size_t n, database_config cfg);
    void configure(soci::session& s);

    backend kind_;
    std::size_t size_;
    database_config cfg_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::unique_ptr<std::atomic<bool>[]> suspect_;
    std::atomic<int> in_use_{0};
    std::atomic<int> waiting_{0};
    std::mutex writer_;
};

} // namespace kompetens::storage
