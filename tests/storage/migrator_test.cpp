#include "server/storage/migration.hpp"
#include "server/storage/migrator.hpp"
#include "server/storage/unit_of_work.hpp"
#include "tests/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>

using namespace kompetens;

TEST_CASE("every migration applies to an empty database, once", "[storage][migrations]")
{
    test::fresh_database fresh;
    storage::database_config c;
    c.url = fresh.url();
    auto db = storage::database::open(c);
    storage::migrator m{*db};
    CHECK(m.status().applied == 0);
    CHECK_FALSE(m.status().current());
    CHECK(m.migrate() >= 1);
    CHECK(m.status().current());
    CHECK(m.migrate() == 0); // a second run is a no-op
    CHECK(m.status().applied == m.status().known);
}

TEST_CASE("the server refuses a database that is newer than itself", "[storage][migrations]")
{
    test::fresh_database fresh;
    auto db = fresh.open_migrated();
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        uow.sql(
        ) << "insert into schema_migrations (version, name, applied_at) values (9999, 'future.sql', 0)";
        uow.commit();
    }
    storage::migrator m{*db};
    CHECK(m.status().too_new());
    CHECK_THROWS_WITH(m.migrate(), Catch::Contains("newer than this server"));
}

TEST_CASE("the embedded schema carries the directory tables with their constraints", "[storage][migrations]")
{
    test::fresh_database fresh;
    auto db = fresh.open_migrated();
    storage::unit_of_work uow{*db, storage::access_mode::write};
    uow.sql() << "insert into organisation (id, name, kind, time_zone, created_at) values ('o', 'n', "
                 "'municipality', 'Europe/Stockholm', 0)";
    // A check constraint holds on both backends: an unknown unit kind never reaches the table.
    CHECK_THROWS(
        uow.sql() << "insert into unit (id, organisation_id, name, kind, created_at) values ('u', 'o', 'n', "
                     "'hospital', 0)"
    );
}

TEST_CASE("foreign keys are enforced on both backends", "[storage][migrations]")
{
    // SQLite leaves them off unless asked: the pool turns them on for every session.
    test::fresh_database fresh;
    auto db = fresh.open_migrated();
    storage::unit_of_work uow{*db, storage::access_mode::write};
    CHECK_THROWS(
        uow.sql() << "insert into unit (id, organisation_id, name, kind, created_at) values ('u', 'missing', "
                     "'n', 'other', 0)"
    );
}
