// Benchmark B4 of the Benchmarks issue: the shift-change storm. At 07:00 a whole shift picks up its
// phones at once; each has writes queued from the last shifts offline and a month of changes to fetch.
//
// The real release server serves a fresh PostgreSQL database with the demo organisation and N more care
// workers (assistant nurses in the home-care and residential units, hired through the REST API, so the
// training engine gives each their requirements). Each gets an account and one registered phone; the
// accounts are written in-process with one password hash for all (N argon2id logins would take minutes
// and measure nothing the storm does). Every phone syncs once (the initial sync, also timed). Then, each
// round:
//   1. the server changes what the phones must fetch, as a month would: HR publishes a course that the
//      whole organisation must take (a requirement, an assignment and a notice for every person) and
//      records a completed course for every care worker (their status changes);
//   2. every phone at once: hello, one push of M progress events on the normal lane, pull to the end;
//   3. checks: every device finished, every write is in the ledger once and its event exists once;
//   4. the baseline: pgbench inserts the same number of rows, one transaction each (as the server
//      applies each mutation in its own transaction), on as many connections as the server's pool.
// A fresh server process serves the rounds, so its peak RSS (sampled every 100 ms) is the storm's.
//
// Usage: kompetens-bench-storm --database PGURL [--devices N] [--mutations M] [--rounds R]
//        (KOMPETENS_SERVER_BIN names the server binary; pgbench must be on PATH)
#include "ops/bench/bench_support.hpp"
#include "ops/bench/storm_driver.hpp"
#include "server/core/auth_service.hpp"
#include "server/core/credentials.hpp"
#include "server/core/ids.hpp"
#include "server/storage/database.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

using namespace kompetens;
using namespace kompetens::test;
using namespace kompetens::bench;

namespace {

std::string text_of(boost::json::value const& j, char const* key)
{
    return std::string(j.at(key).as_string());
}

/** Runs `f(i, client)` for i in [0, n) on `threads` threads, each with its own connection. */
template <class F> void parallel(int n, int threads, std::uint16_t port, F&& f)
{
    std::atomic<int> next{0};
    std::vector<std::thread> pool;
    std::exception_ptr failure;
    std::mutex m;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            try
            {
                http_client c{port};
                for (int i = next++; i < n; i = next++)
                    f(i, c);
            }
            catch (...)
            {
                std::lock_guard<std::mutex> lock(m);
                failure = std::current_exception();
                next = n;
            }
        });
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

long long count_of(storage::database& db, std::string const& sql_text)
{
    storage::unit_of_work uow{db, storage::access_mode::read};
    long long n = 0;
    uow.sql() << sql_text, soci::into(n);
    return n;
}

/** Resident memory of a process in MB, from /proc. */
double rss_mb(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    return 0;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct population
{
    std::string organisation_id;
    std::vector<std::string> employees;
    std::vector<storm_device> devices;
};

/** N care workers hired through the API, each with an account and a registered phone. */
population hire(storage::database& db, server_process const& s, std::string const& hr, int n)
{
    population pop;
    http_client c{s.port()};
    std::vector<std::string> units;
    auto const unit_list = json_ok(c.get("/api/v1/units?limit=100", hr), 200, "units");
    for (auto const& u : unit_list.at("items").as_array())
        if (u.at("kind").as_string() == "home_care" || u.at("kind").as_string() == "residential")
            units.push_back(text_of(u, "id"));
    if (units.empty())
        throw std::runtime_error("the demo organisation has no care units");
    pop.employees.resize(static_cast<std::size_t>(n));
    parallel(n, 4, s.port(), [&](int i, http_client& hc) {
        auto const e = json_ok(
            hc.json(
                "POST",
                "/api/v1/employees",
                R"({"given_name":"Skift","family_name":"Person )" + std::to_string(i) +
                    R"(","birth_date":")" + std::to_string(1960 + i % 44) + "-0" + std::to_string(1 + i % 9) +
                    R"(-15"})",
                hr
            ),
            201,
            "employee"
        );
        std::string const id = text_of(e, "id");
        json_ok(
            hc.json(
                "POST",
                "/api/v1/employees/" + id + "/employments",
                R"({"profession":"assistant_nurse","form":"permanent","start_date":"2020-01-01","unit_ids":[")" +
                    units[static_cast<std::size_t>(i) % units.size()] + "\"]}",
                hr
            ),
            201,
            "employment"
        );
        pop.employees[static_cast<std::size_t>(i)] = id;
    });
    {
        storage::unit_of_work uow{db, storage::access_mode::read};
        uow.sql() << "select organisation_id from employee where id = :id", soci::use(pop.employees.front()),
            soci::into(pop.organisation_id);
    }
    core::init_crypto();
    std::string const hash = core::hash_password("ett lösenord som ingen loggar in med");
    core::system_clock_source clock;
    core::auth_policy policy;
    policy.access_ttl = 6LL * 3600 * 1000; // the bench outlasts the 15 minutes a token normally lives
    for (int from = 0; from < n; from += 200)
    {
        storage::unit_of_work uow{db, storage::access_mode::write};
        core::auth_service auth{uow.accounts(), uow.audit(), clock, policy};
        for (int i = from; i < std::min(n, from + 200); ++i)
        {
            core::account a;
            a.id = core::new_uuid_v7(clock.now());
            a.organisation_id = pop.organisation_id;
            a.employee_id = pop.employees[static_cast<std::size_t>(i)];
            a.username = "skift-" + std::to_string(i);
            a.password_hash = hash;
            a.roles = static_cast<unsigned>(core::role::staff);
            a.created_at = clock.now();
            if (!uow.accounts().insert_account(a))
                throw std::runtime_error("account taken: " + a.username);
            core::device phone;
            phone.id = core::new_uuid_v7(clock.now());
            phone.name = "Telefon";
            phone.platform = "android";
            core::principal p{
                a.id,
                a.organisation_id,
                a.employee_id,
                static_cast<unsigned>(core::role::staff),
                std::nullopt};
            auto tokens = auth.register_device(p, phone);
            if (!tokens)
                throw std::runtime_error("device registration refused");
            storm_device d;
            d.device_id = phone.id;
            d.token = tokens->access_token;
            pop.devices.push_back(std::move(d));
        }
        uow.commit();
    }
    // The modules their progress events go to: the organisation's catalogue as a phone sees it.
    auto const& d0 = pop.devices.front();
    auto const cat = c.request(
        "GET",
        "/sync/v1/catalog",
        "",
        {{"Authorization", "Bearer " + d0.token}, {"X-Device-Id", d0.device_id}}
    );
    std::vector<std::string> modules;
    auto const catalog = json_ok(cat, 200, "catalog");
    for (auto const& course : catalog.at("courses").as_array())
        for (auto const& m : course.at("modules").as_array())
            modules.push_back(text_of(m, "id"));
    if (modules.empty())
        throw std::runtime_error("the catalogue has no modules");
    for (auto& d : pop.devices)
        d.module_ids = modules;
    return pop;
}

/** What a month does to every phone's view: a new organisation-wide course (requirement, assignment,
    notice) and a completed course for every care worker. */
void month_of_changes(server_process const& s, std::string const& hr, population const& pop, int round)
{
    http_client c{s.port()};
    std::string const code = "SKIFT-" + std::to_string(round);
    auto const course = json_ok(
        c.json(
            "POST",
            "/api/v1/courses",
            R"({"code":")" + code + R"(","title":"Månadens utbildning )" + std::to_string(round) +
                R"(","kind":"e_learning","validity_months":12})",
            hr
        ),
        201,
        "course"
    );
    json_ok(
        c.json(
            "POST",
            "/api/v1/requirement-rules",
            R"({"course_id":")" + text_of(course, "id") + R"(","scope_kind":"organisation","due_days":30})",
            hr
        ),
        201,
        "rule"
    );
    // A record of an earlier month's course: the one published the round before, or the first of the
    // demo catalogue.
    std::string record_course;
    auto const courses = json_ok(c.get("/api/v1/courses?limit=100", hr), 200, "courses");
    for (auto const& k : courses.at("items").as_array())
        if (text_of(k, "code") == (round > 1 ? "SKIFT-" + std::to_string(round - 1) : "BASAL-HYGIEN"))
            record_course = text_of(k, "id");
    if (record_course.empty())
        throw std::runtime_error("no course to record");
    parallel(static_cast<int>(pop.employees.size()), 4, s.port(), [&](int i, http_client& hc) {
        json_ok(
            hc.json(
                "POST",
                "/api/v1/training-records",
                R"({"employee_id":")" + pop.employees[static_cast<std::size_t>(i)] + R"(","course_id":")" +
                    record_course + R"(","completed_on":"2026-11-2)" + std::to_string(round % 10) + R"("})",
                hr
            ),
            201,
            "training record"
        );
    });
}

/** Seconds pgbench takes to insert `rows` rows of `bytes` bytes, one transaction each, on `clients`. */
double pgbench_inserts(
    storage::database& db, std::string const& url, std::string const& dir, int rows, int clients, int bytes
)
{
    {
        storage::unit_of_work uow{db, storage::access_mode::write};
        uow.sql() << "create table if not exists storm_write (id bigserial primary key, device integer, "
                     "seq bigint, body text)";
        uow.sql() << "truncate storm_write";
        uow.commit();
    }
    std::string const script = dir + "/storm_insert.sql";
    std::ofstream(script
    ) << "\\set seq random(1, 1000000000)\n"
         "insert into storm_write (device, seq, body) values (:client_id, :seq, repeat('x', "
      << bytes << "));\n";
    auto const t0 = std::chrono::steady_clock::now();
    run_command(
        "pgbench -n -c " + std::to_string(clients) + " -j 1 -t " + std::to_string(rows / clients) + " -f " +
        script + " '" + url + "' >/dev/null 2>&1"
    );
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct round_result
{
    double seconds = 0, p50 = 0, p99 = 0, peak_rss = 0;
    int errors = 0, retries = 0;
    long long lost = 0, doubled = 0, rows = 0;
};

round_result storm_round(storage::database& db, server_process const& s, population& pop, int mutations)
{
    long long const ledger0 = count_of(db, "select count(*) from sync_mutation where status = 'applied'");
    long long const events0 = count_of(db, "select count(*) from module_progress_event");
    std::atomic<bool> running{true};
    double peak = 0;
    std::thread sampler{[&] {
        while (running)
        {
            peak = std::max(peak, rss_mb(s.pid()));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }};
    round_result r;
    r.seconds = run_storm(pop.devices, {s.port(), mutations, 40});
    running = false;
    sampler.join();
    r.peak_rss = peak;
    std::vector<double> times;
    for (auto const& d : pop.devices)
    {
        bool const ok = d.error.empty() && d.applied == mutations && d.server_last_seq == d.normal_seq;
        if (!ok)
        {
            if (r.errors < 3)
                std::cerr << "device " << d.device_id << ": applied " << d.applied << ", last_seq "
                          << d.server_last_seq << "/" << d.normal_seq << " " << d.error << "\n";
            ++r.errors;
        }
        r.retries += d.retries;
        r.rows += d.pulled_rows;
        times.push_back(d.seconds);
    }
    r.p50 = percentile(times, 0.5);
    r.p99 = percentile(times, 0.99);
    long long const expected = static_cast<long long>(pop.devices.size()) * mutations;
    long long const ledger =
        count_of(db, "select count(*) from sync_mutation where status = 'applied'") - ledger0;
    long long const events = count_of(db, "select count(*) from module_progress_event") - events0;
    r.lost = std::max(0LL, expected - std::min(ledger, events));
    r.doubled = std::max(0LL, std::max(ledger, events) - expected);
    return r;
}

} // namespace

int run(int argc, char** argv)
{
    std::string url;
    int devices = 2000, mutations = 20, rounds = 3;
    for (int i = 1; i + 1 < argc; i += 2)
    {
        std::string const a = argv[i];
        if (a == "--database")
            url = argv[i + 1];
        else if (a == "--devices")
            devices = std::stoi(argv[i + 1]);
        else if (a == "--mutations")
            mutations = std::stoi(argv[i + 1]);
        else if (a == "--rounds")
            rounds = std::stoi(argv[i + 1]);
    }
    if (url.empty() || devices < 1 || mutations < 1 || mutations > 100 || rounds < 1)
    {
        std::cerr << "usage: kompetens-bench-storm --database PGURL [--devices N] [--mutations 1-100] "
                     "[--rounds N]\n";
        return 2;
    }
    // Two thousand connections at each end; the server inherits the limit.
    rlimit lim{};
    getrlimit(RLIMIT_NOFILE, &lim);
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);

    std::vector<std::string> const flags{
        "--sweep-interval-s",
        "0",
        "--poke-interval-ms",
        "60000",
        "--log-level",
        "warning",
        "--max-connections",
        std::to_string(devices + 100)};
    auto db = storage::database::open({url});
    population pop;
    double initial_seconds = 0;
    long long initial_rows = 0;
    std::string hr;
    {
        std::vector<std::string> seeding = flags;
        seeding.push_back("--seed-demo");
        server_process setup{url, seeding};
        http_client c{setup.port()};
        hr = login(c, setup, "hr");
        pop = hire(*db, setup, hr, devices);
        initial_seconds = run_storm(pop.devices, {setup.port(), 0, 40});
        for (auto const& d : pop.devices)
        {
            if (!d.error.empty())
                throw std::runtime_error("initial sync failed: " + d.error);
            initial_rows += d.pulled_rows;
        }
    }

    server_process ours{url, flags};
    std::printf(
        "| round | devices | writes | server changes pulled (rows) | storm (s) | per device p50 (s) | p99 "
        "(s) | "
        "errors | retried (503, reset) | lost | doubled | server peak RSS (MB) | pgbench same inserts (s) | "
        "throughput ratio | target |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | "
        "--- | "
        "--- | --- | --- |\n"
    );
    std::printf(
        "| initial sync, no writes | %d | 0 | %lld | %.1f | | | 0 | | | | | | | |\n",
        devices,
        initial_rows,
        initial_seconds
    );
    std::vector<double> storm_s, ratios;
    int const writes = devices * mutations;
    int const write_bytes = 330; // a progress.record mutation as it travels, args and envelope
    bool all_met = true;
    for (int r = 1; r <= rounds; ++r)
    {
        month_of_changes(ours, hr, pop, r);
        auto const res = storm_round(*db, ours, pop, mutations);
        double const base = pgbench_inserts(*db, url, ours.dir(), writes, 4, write_bytes);
        double const ratio = base / res.seconds;
        bool const met = res.seconds <= 60 && res.errors == 0 && res.lost == 0 && res.doubled == 0;
        all_met = all_met && met;
        storm_s.push_back(res.seconds);
        ratios.push_back(ratio);
        std::printf(
            "| %d | %d | %d | %lld | %.1f | %.1f | %.1f | %d | %d | %lld | %lld | %.0f | %.1f | %.2f | %s "
            "|\n",
            r,
            devices,
            writes,
            res.rows,
            res.seconds,
            res.p50,
            res.p99,
            res.errors,
            res.retries,
            res.lost,
            res.doubled,
            res.peak_rss,
            base,
            ratio,
            met ? "met" : "missed"
        );
        std::fflush(stdout);
    }
    std::printf(
        "| median | %d | %d | | %.1f | | | | | | | | | %.2f | ≤ 60 s, 0 errors, 0 lost: %s |\n",
        devices,
        writes,
        median(storm_s),
        median(ratios),
        all_met ? "met" : "missed"
    );
    return 0;
}

int main(int argc, char** argv)
{
    try
    {
        return run(argc, argv); // unwinding stops the server processes
    }
    catch (std::exception const& e)
    {
        std::cerr << "kompetens-bench-storm: " << e.what() << "\n";
        return 1;
    }
}
