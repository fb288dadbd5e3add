// Benchmark B3 of the Sync issue: a pull with no changes and an initial pull of about 500 rows, each
// against pgbench running the same SQL in the same run on the same PostgreSQL.
//
// The real server binary serves a fresh database with the demo organisation; the demo's care worker gets
// enough training records for about 500 rows in her view. A second server process on the same database,
// whose sessions have `log_statement = all`, answers one initial pull and one no-change pull of the same
// person on another device: the statements it logs (with their parameters) become the pgbench scripts,
// each transaction ending in ROLLBACK instead of COMMIT so that the script can run again (which spares
// pgbench the commit's WAL flush). The measuring server logs nothing. Rounds interleave ours and pgbench's.
//
// Usage: kompetens-bench-sync --database PGURL --pg-log FILE [--rounds N] [--pulls N]
//        (KOMPETENS_SERVER_BIN names the server binary; pgbench must be on PATH)
#include "ops/bench/bench_support.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace kompetens::test;
using namespace kompetens::bench;

namespace {

template <class F> double millis_per(int n, F&& f)
{
    auto const t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i)
        f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / n;
}

} // namespace

int run(int argc, char** argv)
{
    std::string url, pg_log;
    int rounds = 5, pulls = 50;
    for (int i = 1; i + 1 < argc; i += 2)
    {
        std::string const a = argv[i];
        if (a == "--database")
            url = argv[i + 1];
        else if (a == "--pg-log")
            pg_log = argv[i + 1];
        else if (a == "--rounds")
            rounds = std::stoi(argv[i + 1]);
        else if (a == "--pulls")
            pulls = std::stoi(argv[i + 1]);
    }
    if (url.empty() || pg_log.empty())
    {
        std::cerr << "usage: kompetens-bench-sync --database PGURL --pg-log FILE [--rounds N] [--pulls N]\n";
        return 2;
    }
    std::vector<std::string> const quiet{
        "--sweep-interval-s", "0", "--poke-interval-ms", "60000", "--log-level", "warning"};
    auto with = [&](std::vector<std::string> v) {
        v.insert(v.end(), quiet.begin(), quiet.end());
        return v;
    };
    server_process ours{url, with({"--seed-demo"})};
    http_client c{ours.port()};

    // About 500 rows in the care worker's view: her requirements, assignments, notices and person row,
    // and training records from the HR office.
    auto const staff = login(c, ours, "staff");
    phone const measured = register_phone(c, staff, "0190a000-0000-7000-8000-000000000001");
    grow_view_to(c, ours, measured, 500);
    auto const [initial_rows, cookie] = pull_to_end(c, measured, "");

    // The same two pulls on a server whose sessions log every statement: the pgbench scripts.
    std::string const capture_url = with_statement_log(url);
    std::string script_initial, script_unchanged;
    int statements_initial = 0, statements_unchanged = 0;
    {
        server_process capture{capture_url, quiet};
        http_client cc{capture.port()};
        phone const logged =
            register_phone(cc, login(cc, ours, "staff"), "0190a000-0000-7000-8000-000000000002");
        pull_to_end(cc, logged, ""); // warm the sync key and the device state once
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        auto const at0 = file_size(pg_log);
        auto const [rows, logged_cookie] = pull_to_end(cc, logged, "");
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        auto const at1 = file_size(pg_log);
        pull_to_end(cc, logged, logged_cookie);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        auto const at2 = file_size(pg_log);
        auto const log = read_from(pg_log, at0);
        script_initial = pgbench_script(log.substr(0, at1 - at0), statements_initial);
        script_unchanged = pgbench_script(log.substr(at1 - at0, at2 - at1), statements_unchanged);
        (void)rows;
    }
    std::string const dir = ours.dir();
    std::ofstream(dir + "/initial.sql") << script_initial;
    std::ofstream(dir + "/unchanged.sql") << script_unchanged;
    if (statements_initial == 0 || statements_unchanged == 0)
        throw std::runtime_error("no statements captured from " + pg_log + " (is log_statement allowed?)");

    std::vector<double> ours_initial, base_initial, ours_unchanged, base_unchanged;
    int const initial_pulls = std::max(5, pulls / 5);
    for (int r = 0; r < rounds; ++r)
    {
        ours_initial.push_back(millis_per(initial_pulls, [&] { pull_to_end(c, measured, ""); }));
        base_initial.push_back(pgbench_ms(url, dir + "/initial.sql", initial_pulls));
        ours_unchanged.push_back(millis_per(pulls, [&] { pull_to_end(c, measured, cookie); }));
        base_unchanged.push_back(pgbench_ms(url, dir + "/unchanged.sql", pulls));
    }
    auto row = [&](char const* what, std::size_t rows, int stmts, double a, double b) {
        std::printf(
            "| postgresql | %s | %zu | %d | %.2f | %.2f | %.2f | %.2f |\n",
            what,
            rows,
            stmts,
            a,
            b,
            a / b,
            b / a
        );
    };
    std::printf(
        "| backend | what | rows | statements | ours (median ms) | pgbench same SQL (median ms) | ratio "
        "ours/pgbench | throughput ratio |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    );
    row("B3a pull with no changes", 0, statements_unchanged, median(ours_unchanged), median(base_unchanged));
    row("B3b initial pull", initial_rows, statements_initial, median(ours_initial), median(base_initial));
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
        std::cerr << "kompetens-bench-sync: " << e.what() << "\n";
        return 1;
    }
}
