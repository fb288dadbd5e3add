#include "server/storage/migrator.hpp"

#include "server/core/log.hpp"
#include "server/storage/migration.hpp"
#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"
#include "server/storage/unit_of_work.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <ctime>

namespace kompetens::storage {

namespace {

constexpr char const* create_table =
    "create table if not exists schema_migrations ("
    " version integer primary key, name text not null, applied_at bigint not null)";

int known_version()
{
    int v = 0;
    for (auto const& m : embedded_migrations())
        v = std::max(v, m.version);
    return v;
}

int applied_version(soci::session& s)
{
    query_rows rows{s, "select coalesce(max(version), 0) from schema_migrations"};
    for (auto const& r : rows)
        return int_at(r, 0);
    return 0;
}

bool applies_to(migration_text const& m, backend b)
{
    return m.dialect == migration_dialect::both ||
           (m.dialect == migration_dialect::postgresql && b == backend::postgresql) ||
           (m.dialect == migration_dialect::sqlite && b == backend::sqlite);
}

} // namespace

void exec_script(database& db, soci::session& s, std::string const& sql)
{
    if (db.kind() == backend::sqlite)
    {
        auto* be = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
        char* err = nullptr;
        if (sqlite_api::sqlite3_exec(be->conn_, sql.c_str(), nullptr, nullptr, &err) != 0)
        {
            std::string msg = err != nullptr ? err : "unknown error";
            sqlite_api::sqlite3_free(err);
            throw std::runtime_error("migration failed: " + msg);
        }
    }
    else
    {
        auto* be = static_cast<soci::postgresql_session_backend*>(s.get_backend());
        PGresult* res = PQexec(be->conn_, sql.c_str());
        auto const st = PQresultStatus(res);
        std::string msg = PQresultErrorMessage(res);
        PQclear(res);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
            throw std::runtime_error("migration failed: " + msg);
    }
}

schema_status migrator::status()
{
    unit_of_work uow{db_, access_mode::read};
    schema_status st;
    st.known = known_version();
    // An empty database has no table yet: that reads as version 0, not as an error.
    int exists = 0;
    if (db_.kind() == backend::sqlite)
        uow.sql() << "select count(*) from sqlite_master where type = 'table' and name = 'schema_migrations'",
            soci::into(exists);
    else
        uow.sql() << "select count(*) from information_schema.tables where table_name = 'schema_migrations'"
                     " and table_schema = current_schema()",
            soci::into(exists);
    st.applied = exists != 0 ? applied_version(uow.sql()) : 0;
    return st;
}

int migrator::migrate()
{
    int ran = 0;
    auto const& all = embedded_migrations();
    {
        unit_of_work uow{db_, access_mode::write};
        uow.sql() << create_table;
        uow.commit();
    }
    for (auto const& m : all)
    {
        if (!applies_to(m, db_.kind()))
            continue;
        unit_of_work uow{db_, access_mode::write};
        if (db_.kind() == backend::postgresql)
            uow.sql() << "select pg_advisory_xact_lock(4242)"; // another process may be migrating now
        int const applied = applied_version(uow.sql());
        if (applied > known_version())
            throw std::runtime_error(
                "the database schema is at version " + std::to_string(applied) +
                ", newer than this server (" + std::to_string(known_version()) +
                "); run a newer kompetens-server"
            );
        if (m.version <= applied)
            continue;
        exec_script(db_, uow.sql(), std::string(m.sql));
        std::string const name{m.file_name};
        long long const now = static_cast<long long>(std::time(nullptr)) * 1000;
        uow.sql() << "insert into schema_migrations (version, name, applied_at) values (:v, :n, :t)",
            soci::use(m.version), soci::use(name), soci::use(now);
        uow.commit();
        core::log::info("storage", "applied migration " + name);
        ++ran;
    }
    auto const st = status();
    if (st.too_new())
        throw std::runtime_error(
            "the database schema is at version " + std::to_string(st.applied) + ", newer than this server (" +
            std::to_string(st.known) + "); run a newer kompetens-server"
        );
    return ran;
}

} // namespace kompetens::storage
