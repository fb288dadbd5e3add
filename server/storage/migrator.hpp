#pragma once
#include "server/storage/database.hpp"

#include <string>

namespace kompetens::storage {

struct schema_status
{
    int applied = 0; // the newest version recorded in the database (0: empty database)
    int known = 0;   // the newest version this binary carries
    bool current() const noexcept { return applied == known; }
    bool too_new() const noexcept { return applied > known; }
};

/** Applies the embedded migrations (schema/migrations) in order, each in its own transaction together with
    its row in `schema_migrations`. Safe to run from several processes at once on PostgreSQL (an advisory
    lock serialises them). Refuses a database that is newer than this binary. */
class migrator
{
    database& db_;

public:
    explicit migrator(database& db) : db_(db) {}

    /** Returns how many migrations ran. Throws `std::runtime_error` for a database newer than the binary. */
    int migrate();
    schema_status status();
};

/** Runs a multi-statement script through the driver's native call (sqlite3_exec / PQexec): SOCI prepares
    one statement at a time, and SQLite would silently run only the first. */
void exec_script(database& db, soci::session& s, std::string const& sql);

} // namespace kompetens::storage
