// The data generator of the Benchmarks issue and the growth of the main queries' cost with size.
//
// Generates, set-based in PostgreSQL (generate_series; single-row inserts would take hours at national
// scale), first a realistic municipality (1,800 staff in 60 units, 30 courses, a status row per person
// and course, three years of training history: the six yearly courses completed three times, the rest
// once) and then more organisations of about 1,030 staff each until the database holds a national-scale
// set (300,000 staff in 290 organisations). At each size it measures, always for the first municipality,
// the reads behind the screens people use most, through the real repositories:
//   - a care worker's training list (her status rows and her three years of records),
//   - a unit's compliance matrix (30 people × 30 courses),
//   - what expires in the next 60 days in the organisation,
//   - the organisation summary (grouped counts folded with small-group suppression),
//   - the people the daily sweep recomputes.
// The baseline of each figure is the same read at the municipality size, measured in the same run: a
// ratio near 1 at 300,000 staff means the read does not grow with other organisations' data, which is
// what sharding by organisation_id would otherwise have to buy.
//
// Usage: kompetens-bench-scale --database PGURL [--rounds N] [--sizes 1,29,290]
#include "server/core/training_summary.hpp"
#include "server/storage/database.hpp"
#include "server/storage/migrator.hpp"
#include "server/storage/unit_of_work.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace kompetens;

namespace {

constexpr int municipality_staff = 1800;
constexpr int municipality_units = 60;
constexpr int courses = 30;
constexpr int national_staff = 300'000;
constexpr int national_orgs = 290;
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

/** Organisations [first, last] (1-based), the first one the municipality. Every statement is one
    INSERT … SELECT over generate_series, so a batch of orgs is a handful of statements. */
void generate(storage::database& db, int first, int last)
{
    int const others_staff = (national_staff - municipality_staff) / (national_orgs - 1); // ≈ 1,032
    // Staff and units per organisation as SQL expressions of `o`.
    std::string const staff = "(case when o = 1 then " + std::to_string(municipality_staff) + " else " +
                              std::to_string(others_staff) + " end)";
    std::string const units = "(case when o = 1 then " + std::to_string(municipality_units) + " else " +
                              std::to_string(others_staff / 30 + 1) + " end)";
    std::string const orgs = "generate_series(" + std::to_string(first) + ", " + std::to_string(last) + ") o";
    std::string const people = orgs + " cross join lateral generate_series(0, " + staff + " - 1) p";
    std::string const per_course =
        people + " cross join generate_series(0, " + std::to_string(courses - 1) + ") c";
    std::string const unit_of = "'o' || o || 'u' || ((p / 30) % " + units + ")";
    std::string const state =
        "(array['valid','valid','expiring','expired','assigned','in_progress'])[1 + (p * 7 + c) % 6]";
    std::string const gender = "(array['female','female','male'])[1 + p % 3]";
    storage::unit_of_work uow{db, storage::access_mode::write};
    auto& sql = uow.sql();
    sql << "insert into organisation (id, name, kind, time_zone, created_at) select 'o' || o, 'Kommun ' || "
           "o, "
           "'municipality', 'Europe/Stockholm', 0 from " +
               orgs;
    sql << "insert into unit (id, organisation_id, name, kind, created_at) select 'o' || o || 'u' || u, 'o' "
           "|| o, "
           "'Enhet ' || u, (array['home_care','residential','disability_support'])[1 + u % 3], 0 from " +
               orgs + " cross join lateral generate_series(0, " + units + " - 1) u";
    sql << "insert into course (id, organisation_id, code, title, kind, provider, regulatory_basis, status, "
           "created_at) select 'o' || o || 'c' || c, 'o' || o, 'C' || c, 'Kurs ' || c, 'classroom', '', '', "
           "'published', 0 from " +
               orgs + " cross join generate_series(0, " + std::to_string(courses - 1) + ") c";
    sql << "insert into course_version (id, course_id, organisation_id, number, validity_months, "
           "renewal_window_days, grace_days, passing_score, evidence_type, published_at) select 'o' || o || "
           "'c' "
           "|| c || 'v1', 'o' || o || 'c' || c, 'o' || o, 1, case when c < 6 then 12 else null end, 30, 0, "
           "null, 'attestation', 0 from " +
               orgs + " cross join generate_series(0, " + std::to_string(courses - 1) + ") c";
    sql << "insert into employee (id, organisation_id, given_name, family_name, birth_date, gender, "
           "created_at) "
           "select 'o' || o || 'e' || p, 'o' || o, 'G', 'F', (1960 + p % 45) || '-0' || (1 + p % 9) || '-1' "
           "|| "
           "(p % 10), " +
               gender + ", 0 from " + people;
    sql << "insert into employment (id, organisation_id, employee_id, profession, form, start_date, "
           "fte_per_mille, created_at) select 'o' || o || 'j' || p, 'o' || o, 'o' || o || 'e' || p, "
           "'assistant_nurse', 'permanent', '2020-01-01', 1000, 0 from " +
               people;
    sql << "insert into employment_unit (employment_id, unit_id) select 'o' || o || 'j' || p, " + unit_of +
               " from " + people;
    sql << "insert into requirement_status (organisation_id, employee_id, course_id, state, due_date, "
           "valid_until, gender) select 'o' || o, 'o' || o || 'e' || p, 'o' || o || 'c' || c, " +
               state + ", '2026-12-' || (10 + c % 20), '2027-0' || (1 + (p + c) % 9) || '-15', " + gender +
               " from " + per_course;
    sql << "insert into requirement_status_unit (organisation_id, employee_id, course_id, unit_id, state, "
           "gender) select 'o' || o, 'o' || o || 'e' || p, 'o' || o || 'c' || c, " +
               unit_of + ", " + state + ", " + gender + " from " + per_course;
    // Three years of history: the yearly courses (c < 6) in 2024, 2025 and 2026, the others once.
    sql << "insert into training_record (id, organisation_id, employee_id, course_id, course_version_id, "
           "completed_on, valid_until, source, attested, score, created_at) select 'o' || o || 'r' || p || "
           "'-' "
           "|| c || '-' || y, 'o' || o, 'o' || o || 'e' || p, 'o' || o || 'c' || c, 'o' || o || 'c' || c || "
           "'v1', y || '-0' || (1 + (p + c) % 9) || '-15', case when c < 6 then (y + 1) || '-0' || (1 + (p + "
           "c) "
           "% 9) || '-15' else null end, 'attested', 1, 100, 0 from " +
               per_course +
               " cross join lateral generate_series(case when c < 6 then 2024 else 2026 end, 2026) y";
    uow.commit();
}

long long count_of(storage::database& db, char const* table)
{
    auto lease = db.acquire();
    long long n = 0;
    lease.sql() << std::string("select count(*) from ") + table, soci::into(n);
    return n;
}

struct measured_read
{
    char const* what;
    std::function<std::size_t(storage::unit_of_work&)> run;
};

} // namespace

int main(int argc, char** argv)
{
    std::string url;
    int rounds = 7;
    std::vector<int> sizes{1, 29, national_orgs};
    for (int i = 1; i + 1 < argc; i += 2)
    {
        std::string const a = argv[i];
        if (a == "--database")
            url = argv[i + 1];
        else if (a == "--rounds")
            rounds = std::max(3, std::atoi(argv[i + 1]));
        else if (a == "--sizes")
        {
            sizes.clear();
            std::stringstream in(argv[i + 1]);
            for (std::string s; std::getline(in, s, ',');)
                sizes.push_back(std::stoi(s));
        }
    }
    if (url.rfind("postgresql://", 0) != 0 || sizes.empty() || sizes.front() < 1 ||
        !std::is_sorted(sizes.begin(), sizes.end()) || sizes.back() > national_orgs)
    {
        std::cerr << "usage: kompetens-bench-scale --database PGURL [--rounds N] [--sizes 1,29,290]\n";
        return 2;
    }
    try
    {
        storage::database_config cfg;
        cfg.url = url;
        cfg.statement_timeout_ms = 0; // the generator's statements run for minutes at national scale
        auto db = storage::database::open(cfg);
        storage::migrator{*db}.migrate();

        std::string const org = "o1", unit = "o1u7", person = "o1e217";
        std::vector<measured_read> const reads{
            {"a care worker's training list (statuses and 3 years of records)",
             [&](storage::unit_of_work& u) {
                 return u.training().statuses_of(org, person).size() +
                        u.training().records_of(org, person).size();
             }},
            {"unit compliance matrix (30 people x 30 courses)",
             [&](storage::unit_of_work& u) {
                 return u.training().statuses_in_unit(org, unit, today).size();
             }},
            {"what expires in the next 60 days (organisation)",
             [&](storage::unit_of_work& u) {
                 return u.training().expiring_between(org, today, "2027-01-22").size();
             }},
            {"organisation summary (grouped, suppressed)",
             [&](storage::unit_of_work& u) {
                 return core::summarise(u.training().status_counts(org, today)).size();
             }},
            {"people the daily sweep recomputes (organisation)",
             [&](storage::unit_of_work& u) { return u.training().people_to_recompute(org, today).size(); }},
        };
        std::map<std::string, double> base;
        int loaded = 0;
        std::printf(
            "| organisations | staff | status rows | training records | load (s) | read | rows | median "
            "ms | ratio to the municipality alone |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- "
            "|\n"
        );
        for (int size : sizes)
        {
            double const load_ms = millis_of([&] { generate(*db, loaded + 1, size); });
            loaded = size;
            {
                auto lease = db->acquire();
                // As autovacuum would leave it after a load: statistics, and a visibility map so that
                // index-only scans need not visit the heap.
                lease.sql() << "vacuum analyze";
            }
            long long const staff = count_of(*db, "employee"), statuses = count_of(*db, "requirement_status"),
                            records = count_of(*db, "training_record");
            for (auto const& r : reads)
            {
                std::vector<double> ms;
                std::size_t rows = 0;
                // One unmeasured run first: right after a load the pages and the plan cache are cold,
                // which would make every later size look cheaper than the municipality alone.
                for (int i = 0; i <= rounds; ++i)
                {
                    double const t = millis_of([&] {
                        storage::unit_of_work uow{*db, storage::access_mode::read};
                        rows = r.run(uow);
                    });
                    if (i > 0)
                        ms.push_back(t);
                }
                double const m = median(ms);
                if (!base.count(r.what))
                    base[r.what] = m;
                std::printf(
                    "| %d | %lld | %lld | %lld | %.0f | %s | %zu | %.2f | %.2f |\n",
                    size,
                    staff,
                    statuses,
                    records,
                    load_ms / 1000,
                    r.what,
                    rows,
                    m,
                    m / base[r.what]
                );
                std::fflush(stdout);
            }
        }
        return 0;
    }
    catch (std::exception const& e)
    {
        std::cerr << "kompetens-bench-scale: " << e.what() << "\n";
        return 1;
    }
}
