#pragma once
#include "server/core/auth_service.hpp"
#include "server/core/clock.hpp"
#include "server/core/directory_service.hpp"
#include "server/storage/database.hpp"
#include "server/storage/unit_of_work.hpp"
#include "tests/support/catch_strings.hpp"
#include "tests/support/test_database.hpp"

namespace kompetens::test {

/** A migrated fresh database on the suite's backend, a manual clock, and helpers that run one use case
    in one committed transaction, as the HTTP layer does. */
struct storage_fixture
{
    fresh_database fresh;
    std::unique_ptr<storage::database> db = fresh.open_migrated(4);
    core::manual_clock clock{1'795'430'400'000}; // 2026-11-23 11:40 Stockholm (10:40 UTC)

    template <class F> auto write(F&& f)
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::directory_service svc{uow.directory(), uow.audit(), clock};
        auto r = f(svc);
        if (r)
            uow.commit();
        return r;
    }

    template <class F> auto read(F&& f)
    {
        // Reads of people's records append to the audit trail, so they need a write transaction.
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::directory_service svc{uow.directory(), uow.audit(), clock};
        auto r = f(svc);
        uow.commit();
        return r;
    }

    static core::principal operator_principal()
    {
        return core::principal{
            "op", "", std::nullopt, static_cast<unsigned>(core::role::system), std::nullopt};
    }

    core::principal hr_of(std::string const& org) const
    {
        return core::principal{
            "hr-" + org, org, std::nullopt, static_cast<unsigned>(core::role::hr), std::nullopt};
    }

    std::string make_org(std::string const& name)
    {
        return write([&](auto& s) {
                   return s.create_organisation(
                       operator_principal(), core::organisation{"", name, "municipality", "", 0, 1}
                   );
               })
            .value()
            .id;
    }

    std::string
    make_unit(std::string const& org, std::string const& name, std::optional<std::string> parent = {})
    {
        return write([&](auto& s) {
                   return s.create_unit(hr_of(org), core::unit{"", "", parent, name, "home_care", 0, 1});
               })
            .value()
            .id;
    }

    std::string make_employee(std::string const& org, std::string const& given)
    {
        core::employee e;
        e.given_name = given;
        e.family_name = "Testsson";
        e.birth_date = "1980-05-17";
        return write([&](auto& s) { return s.create_employee(hr_of(org), e); }).value().id;
    }
};

} // namespace kompetens::test
