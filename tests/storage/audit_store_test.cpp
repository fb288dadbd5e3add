#include "tests/storage/storage_fixture.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>

#include <thread>

using namespace kompetens;
using test::storage_fixture;

namespace {

struct audit_fixture : storage_fixture
{
    std::string org = make_org("Partille kommun");

    core::chain_report verify()
    {
        storage::unit_of_work uow{*db, storage::access_mode::read};
        return core::verify_chain(uow.audit().chain(org), uow.audit().head(org));
    }

    // What an attacker with direct database access does first: switch the append-only guards off.
    void drop_guards(soci::session& s)
    {
        if (db->kind() == storage::backend::sqlite)
        {
            s << "drop trigger audit_event_no_update";
            s << "drop trigger audit_event_no_delete";
        }
        else
            s << "alter table audit_event disable trigger user";
    }

    void tamper(std::vector<std::string> const& statements)
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        drop_guards(uow.sql());
        for (auto const& st : statements)
            uow.sql() << st;
        uow.commit();
    }
};

} // namespace

TEST_CASE_METHOD(
    audit_fixture, "every change appends to one gap-free chain per organisation", "[storage][audit]"
)
{
    for (int i = 0; i < 5; ++i)
        make_unit(org, "Enhet " + std::to_string(i));
    make_employee(org, "Alva");
    auto const other = make_org("Annan kommun");
    make_unit(other, "Deras enhet");

    auto r = verify();
    CHECK(r.intact);
    CHECK(r.checked == 7); // organisation.create, five unit.create, employee.create
    storage::unit_of_work uow{*db, storage::access_mode::read};
    auto const chain = uow.audit().chain(org);
    CHECK(chain.front().action == "organisation.create");
    CHECK(chain.back().action == "employee.create");
    CHECK(uow.audit().chain(other).size() == 2); // the other organisation has a chain of its own
    CHECK(uow.audit().head(org).seq == 7);
}

TEST_CASE_METHOD(
    audit_fixture, "an audit entry is written in the same transaction as its change", "[storage][audit]"
)
{
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::directory_service svc{uow.directory(), uow.audit(), clock};
        REQUIRE(
            svc.create_unit(hr_of(org), core::unit{"", "", std::nullopt, "Rullas tillbaka", "other", 0, 1})
        );
        // no commit
    }
    CHECK(verify().checked == 1); // only organisation.create: neither the unit nor its entry remain
}

TEST_CASE_METHOD(audit_fixture, "the application can neither change nor remove an entry", "[storage][audit]")
{
    make_unit(org, "Enhet");
    storage::unit_of_work uow{*db, storage::access_mode::write};
    CHECK_THROWS(uow.sql() << "update audit_event set action = 'nothing' where seq = 1");
    CHECK_THROWS(uow.sql() << "delete from audit_event where seq = 2");
    if (db->kind() == storage::backend::postgresql)
    {
        uow.sql() << "rollback";
        uow.sql() << "begin";
        CHECK_THROWS(uow.sql() << "truncate audit_event");
    }
}

TEST_CASE_METHOD(
    audit_fixture, "tampering behind the application's back is detected every time", "[storage][audit]"
)
{
    for (int i = 0; i < 6; ++i)
        make_unit(org, "Enhet " + std::to_string(i)); // entries 1..7
    REQUIRE(verify().intact);

    std::string const where = " where organisation_id = '" + org + "'";
    SECTION("a field edited")
    {
        tamper({"update audit_event set actor_account_id = 'someone-else'" + where + " and seq = 4"});
        auto r = verify();
        CHECK_FALSE(r.intact);
        CHECK(r.first_broken_seq == 4);
    }
    SECTION("a row deleted")
    {
        tamper({"delete from audit_event" + where + " and seq = 2"});
        auto r = verify();
        CHECK_FALSE(r.intact);
        CHECK(r.first_broken_seq == 3);
    }
    SECTION("two rows reordered")
    {
        tamper(
            {"update audit_event set seq = -1" + where + " and seq = 3",
             "update audit_event set seq = 3" + where + " and seq = 4",
             "update audit_event set seq = 4" + where + " and seq = -1"}
        );
        auto r = verify();
        CHECK_FALSE(r.intact);
        CHECK(r.first_broken_seq == 3);
    }
    SECTION("the tail truncated")
    {
        tamper({"delete from audit_event" + where + " and seq > 5"});
        auto r = verify();
        CHECK_FALSE(r.intact);
        CHECK(r.first_broken_seq == 6);
    }
}

TEST_CASE_METHOD(audit_fixture, "concurrent writers keep the chain linear", "[storage][audit]")
{
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t)
        writers.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i)
                make_unit(org, "W" + std::to_string(t) + "-" + std::to_string(i));
        });
    for (auto& w : writers)
        w.join();
    auto r = verify();
    CHECK(r.intact);
    CHECK(r.checked == 41);
}
