#include "server/storage/database.hpp"
#include "server/storage/unit_of_work.hpp"
#include "tests/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>

using namespace kompetens;

TEST_CASE(
    "an exhausted pool answers database_unavailable after the lease timeout, not never", "[storage][pool]"
)
{
    test::fresh_database fresh;
    storage::database_config c;
    c.url = fresh.url();
    c.pool_size = 1;
    c.lease_timeout_ms = 100;
    auto db = storage::database::open(c);
    {
        auto held = db->acquire();
        CHECK(db->in_use() == 1);
        CHECK_THROWS_AS(db->acquire(), storage::database_unavailable);
        CHECK(db->waiting() == 0);
    }
    CHECK(db->in_use() == 0);
    CHECK_NOTHROW(db->acquire()); // given back by RAII
}

TEST_CASE("each pooled session gets the durability and safety settings", "[storage][pool]")
{
    test::fresh_database fresh;
    storage::database_config c;
    c.url = fresh.url();
    c.statement_timeout_ms = 300;
    auto db = storage::database::open(c);
    auto lease = db->acquire();
    auto& sql = lease.sql();
    if (db->kind() == storage::backend::sqlite)
    {
        std::string mode;
        int sync = -1, fk = -1, busy = -1;
        sql << "pragma journal_mode", soci::into(mode);
        sql << "pragma synchronous", soci::into(sync);
        sql << "pragma foreign_keys", soci::into(fk);
        sql << "pragma busy_timeout", soci::into(busy);
        CHECK(mode == "wal");
        CHECK(sync == 2); // FULL
        CHECK(fk == 1);
        CHECK(busy == 5000);
    }
    else
    {
        std::string timeout;
        sql << "show statement_timeout", soci::into(timeout);
        CHECK(timeout == "300ms");
        // Cached data: a random read is priced near a sequential one, so small tables keep their indexes.
        std::string cost;
        sql << "show random_page_cost", soci::into(cost);
        CHECK(cost == "1.1");
        // A runaway query is stopped by the server rather than holding a session forever.
        CHECK_THROWS(sql << "select pg_sleep(2)");
    }
}

TEST_CASE("an empty random_page_cost leaves PostgreSQL's own setting", "[storage][pool]")
{
    test::fresh_database fresh;
    storage::database_config c;
    c.url = fresh.url();
    c.random_page_cost = "";
    auto db = storage::database::open(c);
    auto lease = db->acquire();
    if (db->kind() == storage::backend::sqlite)
    {
        CHECK(lease.sql().get_backend_name() == "sqlite3"); // no planner costs to set there
        return;
    }
    std::string cost;
    lease.sql() << "show random_page_cost", soci::into(cost);
    CHECK(cost == "4"); // PostgreSQL's default
}

TEST_CASE("passwords in a database URL are masked for messages", "[storage][pool]")
{
    CHECK(
        storage::database::redact_url("postgresql://k:hemligt@db.example:5432/k") ==
        "postgresql://k:***@db.example:5432/k"
    );
    CHECK(storage::database::redact_url("postgresql://k@db/k") == "postgresql://k@db/k");
    CHECK(storage::database::redact_url("sqlite:var/kompetens.db") == "sqlite:var/kompetens.db");
}

TEST_CASE("a malformed database URL is refused clearly", "[storage][pool]")
{
    storage::database_config c;
    c.url = "mysql://x";
    CHECK_THROWS_WITH(storage::database::open(c), Catch::Contains("sqlite: or postgresql://"));
    c.url = "sqlite:";
    CHECK_THROWS_AS(storage::database::open(c), std::invalid_argument);
}

TEST_CASE(
    "reads on PostgreSQL run without BEGIN and ROLLBACK; snapshots and writes keep theirs", "[storage][pool]"
)
{
    test::fresh_database fresh;
    storage::database_config c;
    c.url = fresh.url();
    auto db = storage::database::open(c);
    if (db->kind() == storage::backend::sqlite)
    {
        // SQLite keeps the read transaction: it is what holds one snapshot across statements there.
        {
            storage::unit_of_work w{*db, storage::access_mode::write};
            w.sql() << "create table pool_probe (x integer)";
            w.commit();
        }
        storage::unit_of_work reader{*db, storage::access_mode::read};
        int before = -1, after = -1;
        reader.sql() << "select count(*) from pool_probe", soci::into(before);
        {
            storage::unit_of_work w{*db, storage::access_mode::write};
            w.sql() << "insert into pool_probe values (1)";
            w.commit();
        }
        reader.sql() << "select count(*) from pool_probe", soci::into(after);
        CHECK(before == 0);
        CHECK(after == 0); // the reader still sees its snapshot
        return;
    }
    // Inside a transaction now() is the transaction's start; outside one it is the statement's.
    auto in_transaction = [&](storage::access_mode mode) {
        storage::unit_of_work uow{*db, mode};
        uow.sql() << "select pg_sleep(0.02)";
        int same = -1;
        uow.sql() << "select case when now() = statement_timestamp() then 1 else 0 end", soci::into(same);
        return same == 0;
    };
    CHECK_FALSE(in_transaction(storage::access_mode::read));
    CHECK_FALSE(in_transaction(storage::access_mode::single_read));
    CHECK(in_transaction(storage::access_mode::snapshot));
    CHECK(in_transaction(storage::access_mode::write));
}
