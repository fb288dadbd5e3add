#include "tests/storage/storage_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <thread>

using namespace kompetens;
using test::storage_fixture;

TEST_CASE_METHOD(
    storage_fixture, "units, employees and employments round-trip through the store", "[storage][directory]"
)
{
    auto const org = make_org("Partille kommun");
    auto const root = make_unit(org, "Vård och omsorg");
    auto const unit = make_unit(org, "Hemtjänst Öster", root);
    auto const emp = make_employee(org, "Åsa");

    core::employment job;
    job.employee_id = emp;
    job.profession = "assistant_nurse";
    job.form = "fixed_term";
    job.start_date = "2026-01-01";
    job.end_date = "2026-12-31";
    job.fte_per_mille = 875;
    job.unit_ids = {unit, root};
    auto made = write([&](auto& s) { return s.create_employment(hr_of(org), job); });
    REQUIRE(made);

    auto got_unit = read([&](auto& s) { return s.get_unit(hr_of(org), unit); });
    REQUIRE(got_unit);
    CHECK(got_unit->name == "Hemtjänst Öster");
    CHECK(got_unit->parent_id == root);

    auto got_emp = read([&](auto& s) { return s.get_employee(hr_of(org), emp); });
    REQUIRE(got_emp);
    CHECK(got_emp->given_name == "Åsa");
    CHECK(got_emp->birth_date == "1980-05-17");

    auto jobs = read([&](auto& s) { return s.employments_of(hr_of(org), emp); });
    REQUIRE(jobs);
    REQUIRE(jobs->size() == 1);
    CHECK(jobs->front().fte_per_mille == 875);
    CHECK(jobs->front().end_date == "2026-12-31");
    CHECK(
        std::set<std::string>(jobs->front().unit_ids.begin(), jobs->front().unit_ids.end()) ==
        std::set<std::string>{unit, root}
    );
}

TEST_CASE_METHOD(
    storage_fixture, "cursor pagination visits every employee once, in creation order", "[storage][directory]"
)
{
    auto const org = make_org("Lerums kommun");
    std::vector<std::string> made;
    for (int i = 0; i < 120; ++i)
        made.push_back(make_employee(org, "P" + std::to_string(i)));
    std::vector<std::string> seen;
    core::page_request pr;
    pr.limit = 50;
    std::vector<std::size_t> sizes;
    for (;;)
    {
        auto page = read([&](auto& s) { return s.list_employees(hr_of(org), {}, pr); });
        REQUIRE(page);
        sizes.push_back(page->items.size());
        for (auto const& e : page->items)
            seen.push_back(e.id);
        if (!page->next)
            break;
        pr.after = page->next;
    }
    CHECK(sizes == std::vector<std::size_t>{50, 50, 20});
    CHECK(seen == made);
}

TEST_CASE_METHOD(
    storage_fixture, "employees filter by unit and profession on a given day", "[storage][directory]"
)
{
    auto const org = make_org("Alingsås kommun");
    auto const north = make_unit(org, "Norr");
    auto const south = make_unit(org, "Söder");
    auto hire = [&](std::string const& who,
                    std::string const& unit,
                    std::string const& prof,
                    std::optional<std::string> end) {
        auto const emp = make_employee(org, who);
        core::employment job;
        job.employee_id = emp;
        job.profession = prof;
        job.form = "permanent";
        job.start_date = "2025-01-01";
        job.end_date = end;
        job.unit_ids = {unit};
        write([&](auto& s) { return s.create_employment(hr_of(org), job); }).value();
        return emp;
    };
    auto const nurse_north = hire("Nina", north, "registered_nurse", std::nullopt);
    auto const usk_north = hire("Ulla", north, "assistant_nurse", std::nullopt);
    auto const left_north = hire("Lena", north, "assistant_nurse", std::string("2026-06-30"));
    auto const usk_south = hire("Sami", south, "assistant_nurse", std::nullopt);

    auto ids = [&](core::employee_filter f) {
        std::set<std::string> out;
        for (auto const& e : read([&](auto& s) { return s.list_employees(hr_of(org), f, {}); }).value().items)
            out.insert(e.id);
        return out;
    };
    CHECK(
        ids({north, std::nullopt, std::string("2026-11-23")}) == std::set<std::string>{nurse_north, usk_north}
    );
    CHECK(
        ids({north, std::nullopt, std::string("2026-06-30")}) ==
        std::set<std::string>{nurse_north, usk_north, left_north}
    );
    CHECK(
        ids({std::nullopt, std::string("assistant_nurse"), std::string("2026-11-23")}) ==
        std::set<std::string>{usk_north, usk_south}
    );
    CHECK(
        ids({north, std::string("registered_nurse"), std::string("2026-11-23")}) ==
        std::set<std::string>{nurse_north}
    );
    // Without a date the filter means today (the fixture's clock: 2026-11-23), so Lena, who left, is not
    // listed.
    CHECK(ids({north, std::nullopt, std::nullopt}) == std::set<std::string>{nurse_north, usk_north});
}

TEST_CASE_METHOD(storage_fixture, "a unit cannot be moved below itself", "[storage][directory]")
{
    auto const org = make_org("Kungälvs kommun");
    auto const a = make_unit(org, "A");
    auto const b = make_unit(org, "B", a);
    auto const c = make_unit(org, "C", b);
    core::unit_patch move_a_under_c;
    move_a_under_c.parent_id = std::optional<std::string>{c};
    auto r = write([&](auto& s) { return s.update_unit(hr_of(org), a, move_a_under_c, 1); });
    REQUIRE_FALSE(r);
    CHECK(r.error().code == core::errc::unit_cycle);
    CHECK(r.error().field == "/parent_id");
    // Moving C to the top is fine, and bumps the version.
    core::unit_patch to_root;
    to_root.parent_id = std::optional<std::string>{};
    auto moved = write([&](auto& s) { return s.update_unit(hr_of(org), c, to_root, 1); });
    REQUIRE(moved);
    CHECK_FALSE(moved->parent_id);
    CHECK(moved->version == 2);
}

TEST_CASE_METHOD(storage_fixture, "an edit based on an old version is refused", "[storage][directory]")
{
    auto const org = make_org("Ale kommun");
    auto const u = make_unit(org, "Gamla namnet");
    core::unit_patch rename;
    rename.name = "Nya namnet";
    REQUIRE(write([&](auto& s) { return s.update_unit(hr_of(org), u, rename, 1); }));
    rename.name = "Ett tredje namn";
    auto stale = write([&](auto& s) { return s.update_unit(hr_of(org), u, rename, 1); });
    REQUIRE_FALSE(stale);
    CHECK(stale.error().code == core::errc::version_mismatch);
    CHECK(read([&](auto& s) { return s.get_unit(hr_of(org), u); })->name == "Nya namnet");
}

TEST_CASE_METHOD(storage_fixture, "organisations are strictly apart", "[storage][directory][tenancy]")
{
    auto const a = make_org("Kommun A");
    auto const b = make_org("Privat utförare B");
    auto const unit_b = make_unit(b, "B:s enhet");
    auto const emp_b = make_employee(b, "Bertil");
    auto const emp_a = make_employee(a, "Anna");

    auto u = read([&](auto& s) { return s.get_unit(hr_of(a), unit_b); });
    REQUIRE_FALSE(u);
    CHECK(u.error().code == core::errc::not_found);
    auto e = read([&](auto& s) { return s.get_employee(hr_of(a), emp_b); });
    REQUIRE_FALSE(e);
    CHECK(e.error().code == core::errc::not_found);
    CHECK(read([&](auto& s) { return s.list_units(hr_of(a), {}, {}); })->items.empty());

    // An employment in A may not point at B's unit: refused as if the unit did not exist.
    core::employment job;
    job.employee_id = emp_a;
    job.profession = "care_assistant";
    job.form = "permanent";
    job.start_date = "2026-01-01";
    job.unit_ids = {unit_b};
    auto r = write([&](auto& s) { return s.create_employment(hr_of(a), job); });
    REQUIRE_FALSE(r);
    CHECK(r.error().field == "/unit_ids/0");

    // Everyone but the operator lists exactly their own organisation.
    auto orgs = read([&](auto& s) { return s.list_organisations(hr_of(a), {}); });
    REQUIRE(orgs->items.size() == 1);
    CHECK(orgs->items[0].id == a);
    CHECK(read([&](auto& s) { return s.list_organisations(operator_principal(), {}); })->items.size() == 2);
}

TEST_CASE_METHOD(storage_fixture, "birth dates are shown to HR only", "[storage][directory]")
{
    auto const org = make_org("Härryda kommun");
    auto const emp = make_employee(org, "Berit");
    core::principal admin{"adm", org, std::nullopt, static_cast<unsigned>(core::role::admin), std::nullopt};
    CHECK(read([&](auto& s) { return s.get_employee(hr_of(org), emp); })->birth_date == "1980-05-17");
    CHECK_FALSE(read([&](auto& s) { return s.get_employee(admin, emp); })->birth_date);
    CHECK_FALSE(read([&](auto& s) { return s.list_employees(admin, {}, {}); })->items.front().birth_date);
}

TEST_CASE_METHOD(
    storage_fixture, "a transaction that is not committed leaves nothing behind", "[storage][transactions]"
)
{
    auto const org = make_org("Stenungsunds kommun");
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::directory_service svc{uow.directory(), uow.audit(), clock};
        REQUIRE(svc.create_unit(hr_of(org), core::unit{"", "", std::nullopt, "Aldrig sparad", "other", 0, 1})
        );
        // no commit: e.g. a later step of the same request failed
    }
    CHECK(read([&](auto& s) { return s.list_units(hr_of(org), {}, {}); })->items.empty());
}

TEST_CASE_METHOD(
    storage_fixture, "concurrent writers are serialised without losing a write", "[storage][transactions]"
)
{
    auto const org = make_org("Tjörns kommun");
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 15; ++i)
            {
                try
                {
                    make_unit(org, "T" + std::to_string(t) + "-" + std::to_string(i));
                }
                catch (std::exception const&)
                {
                    ++failures;
                }
            }
        });
    for (auto& th : threads)
        th.join();
    CHECK(failures == 0);
    core::page_request all;
    all.limit = 500;
    CHECK(read([&](auto& s) { return s.list_units(hr_of(org), {}, all); })->items.size() == 60);
}
