// Benchmark of the Training issue's two heavy reads, each against a plain SQL baseline over the same
// data in the same run (the machine is shared and noisy: only ratios are comparable between runs).
//   B5a  unit compliance matrix: 60 people × 30 requirements (the repository's read, as the API does it)
//        vs. a bare SELECT of the same rows
//   B5b  organisation summary: 5,000 people × 30 requirements, grouped per unit, state and gender and
//        folded with suppression (core::summarise) vs. a bare GROUP BY over the status table
// Usage: kompetens-bench-training [--database URL] [--rounds N]   (default: a temporary SQLite file)
#include "server/core/clock.hpp"
#include "server/core/ids.hpp"
#include "server/core/training_summary.hpp"
#include "server/storage/database.hpp"
#include "server/storage/migrator.hpp"
#include "server/storage/unit_of_work.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace kompetens;

namespace {

constexpr int people = 5000;
constexpr int courses = 30;
constexpr int unit_size = 60;
constexpr char const* today = "2026-11-23";

template <class F> double millis_of(F&& f)
{
    auto const t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct fixture
{
    std::string org;
    std::string unit0;
};

// Bulk load with one prepared statement per table inside one transaction.
fixture load(storage::database& db)
{
    fixture fx;
    fx.org = core::new_uuid_v7(1);
    storage::unit_of_work uow{db, storage::access_mode::write};
    auto& sql = uow.sql();
    sql << "insert into organisation (id, name, kind, time_zone, created_at) values (:id, 'Bench', "
           "'municipality', 'Europe/Stockholm', 0)",
        soci::use(fx.org);
    std::vector<std::string> units;
    for (int u = 0; u < (people + unit_size - 1) / unit_size; ++u)
    {
        units.push_back(core::new_uuid_v7(2));
        sql << "insert into unit (id, organisation_id, name, kind, created_at) values (:id, :o, 'U', "
               "'home_care', 0)",
            soci::use(units.back()), soci::use(fx.org);
    }
    fx.unit0 = units.front();
    std::vector<std::string> course_ids;
    for (int c = 0; c < courses; ++c)
    {
        course_ids.push_back(core::new_uuid_v7(3));
        std::string const code = "C" + std::to_string(c);
        sql << "insert into course (id, organisation_id, code, title, kind, provider, regulatory_basis, "
               "status, created_at)"
               " values (:id, :o, :c, 'T', 'classroom', '', '', 'published', 0)",
            soci::use(course_ids.back()), soci::use(fx.org), soci::use(code);
    }
    std::string emp, job, unit, gender, course, state;
    soci::statement add_emp =
        (sql.prepare
             << "insert into employee (id, organisation_id, given_name, family_name, gender, created_at)"
                " values (:id, :o, 'G', 'F', :g, 0)",
         soci::use(emp),
         soci::use(fx.org),
         soci::use(gender));
    soci::statement add_job =
        (sql.prepare
             << "insert into employment (id, organisation_id, employee_id, profession, form, start_date,"
                " fte_per_mille, created_at) values (:id, :o, :e, 'assistant_nurse', 'permanent', "
                "'2020-01-01', 1000, 0)",
         soci::use(job),
         soci::use(fx.org),
         soci::use(emp));
    soci::statement add_eu =
        (sql.prepare << "insert into employment_unit (employment_id, unit_id) values (:j, :u)",
         soci::use(job),
         soci::use(unit));
    soci::statement add_status =
        (sql.prepare << "insert into requirement_status (organisation_id, employee_id, course_id, state, "
                        "due_date, valid_until, gender)"
                        " values (:o, :e, :c, :s, '2026-12-31', '2027-06-30', :g)",
         soci::use(fx.org),
         soci::use(emp),
         soci::use(course),
         soci::use(state),
         soci::use(gender));
    // The engine's projection per current unit, as `replace_statuses` writes it.
    soci::statement add_status_unit =
        (sql.prepare
             << "insert into requirement_status_unit (organisation_id, employee_id, course_id, unit_id,"
                " state, gender) values (:o, :e, :c, :u, :s, :g)",
         soci::use(fx.org),
         soci::use(emp),
         soci::use(course),
         soci::use(unit),
         soci::use(state),
         soci::use(gender));
    constexpr std::array<char const*, 6> states{
        "valid", "valid", "expiring", "expired", "assigned", "in_progress"};
    constexpr std::array<char const*, 3> genders{"female", "female", "male"};
    for (int p = 0; p < people; ++p)
    {
        emp = core::new_uuid_v7(4);
        job = core::new_uuid_v7(5);
        unit = units[static_cast<std::size_t>(p / unit_size)];
        gender = genders[static_cast<std::size_t>(p) % genders.size()];
        add_emp.execute(true);
        add_job.execute(true);
        add_eu.execute(true);
        for (int c = 0; c < courses; ++c)
        {
            course = course_ids[static_cast<std::size_t>(c)];
            state = states[static_cast<std::size_t>(p * 7 + c) % states.size()];
            add_status.execute(true);
            add_status_unit.execute(true);
        }
    }
    uow.commit();
    return fx;
}

} // namespace

int main(int argc, char** argv)
{
    std::string url;
    int rounds = 7;
    for (int i = 1; i + 1 < argc; i += 2)
    {
        std::string const a = argv[i];
        if (a == "--database")
            url = argv[i + 1];
        else if (a == "--rounds")
            rounds = std::max(3, std::atoi(argv[i + 1]));
    }
    auto const dir =
        std::filesystem::temp_directory_path() / ("kompetens-bench-" + core::new_uuid_v7(0).substr(24));
    if (url.empty())
    {
        std::filesystem::create_directories(dir);
        url = "sqlite:" + (dir / "bench.db").string();
    }
    storage::database_config cfg;
    cfg.url = url;
    cfg.statement_timeout_ms = 60'000;
    auto db = storage::database::open(cfg);
    storage::migrator{*db}.migrate();
    auto const fx = load(*db);
    {
        // Fresh statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE (SQLite) would have them.
        auto lease = db->acquire();
        lease.sql() << "analyze";
    }
    std::string const backend = db->kind() == storage::backend::sqlite ? "sqlite" : "postgresql";

    std::vector<double> matrix, matrix_base, summary, summary_base;
    std::size_t matrix_rows = 0, cells = 0;
    for (int r = 0; r < rounds; ++r)
    {
        // Interleaved, so that both sides see the same noise.
        matrix.push_back(millis_of([&] {
            storage::unit_of_work uow{*db, storage::access_mode::read};
            matrix_rows = uow.training().statuses_in_unit(fx.org, fx.unit0, today).size();
        }));
        matrix_base.push_back(millis_of([&] {
            storage::unit_of_work uow{*db, storage::access_mode::read};
            std::vector<std::string> e(4000), c(4000), s(4000);
            uow.sql() << "select s.employee_id, s.course_id, s.state from requirement_status s"
                         " join employment m on m.employee_id = s.employee_id join employment_unit mu on "
                         "mu.employment_id = m.id"
                         " where mu.unit_id = :u",
                soci::use(fx.unit0), soci::into(e), soci::into(c), soci::into(s);
        }));
        summary.push_back(millis_of([&] {
            storage::unit_of_work uow{*db, storage::access_mode::read};
            cells = core::summarise(uow.training().status_counts(fx.org, today)).size();
        }));
        summary_base.push_back(millis_of([&] {
            storage::unit_of_work uow{*db, storage::access_mode::read};
            std::vector<std::string> c(1000), s(1000);
            std::vector<int> n(1000);
            uow.sql(
            ) << "select course_id, state, count(*) from requirement_status group by course_id, state",
                soci::into(c), soci::into(s), soci::into(n);
        }));
    }
    // The Training issue's targets: a unit's matrix under 20 ms, the organisation summary under 300 ms.
    auto const verdict = [](double ms, double limit) { return ms < limit ? "met" : "missed"; };
    std::printf(
        "| backend | what | rows | ours (median ms) | baseline (median ms) | ratio ours/baseline | target |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
    );
    std::printf(
        "| %s | B5a unit matrix 60 x 30 | %zu | %.2f | %.2f | %.2f | < 20 ms: %s |\n",
        backend.c_str(),
        matrix_rows,
        median(matrix),
        median(matrix_base),
        median(matrix) / median(matrix_base),
        verdict(median(matrix), 20)
    );
    std::printf(
        "| %s | B5b organisation summary 5000 x 30 | %zu cells | %.2f | %.2f | %.2f | < 300 ms: %s |\n",
        backend.c_str(),
        cells,
        median(summary),
        median(summary_base),
        median(summary) / median(summary_base),
        verdict(median(summary), 300)
    );
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}
