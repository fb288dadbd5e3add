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

/** A registered phone of the demo's care worker: its device id and device-bound token. */
struct phone
{
    std::string device_id, token;
};

phone register_phone(http_client& c, std::string const& staff_token, std::string const& device_id)
{
    auto r = c.json(
        "POST", "/api/v1/devices", R"({"device_id":")" + device_id + R"(","platform":"android"})", staff_token
    );
    auto const j = json_ok(r, 201, "register device");
    return {device_id, std::string(j.at("access_token").as_string())};
}

/** One pull from `cookie` (empty: an initial sync) to the end of its pages; returns rows and the cookie. */
std::pair<std::size_t, std::string> pull_to_end(http_client& c, phone const& p, std::string cookie)
{
    std::size_t rows = 0;
    for (;;)
    {
        boost::json::object body{
            {"cookie", cookie.empty() ? boost::json::value(nullptr) : boost::json::value(cookie)},
            {"schema_version", 1},
            {"acked", {{"critical", 0}, {"normal", 0}}}};
        auto r = c.request(
            "POST",
            "/sync/v1/pull",
            boost::json::serialize(body),
            {{"Content-Type", "application/json"},
             {"Authorization", "Bearer " + p.token},
             {"X-Device-Id", p.device_id}}
        );
        auto const j = json_ok(r, 200, "pull");
        for (auto const& op : j.at("patch").as_array())
            if (op.at("op").as_string() == "put")
                ++rows;
        cookie = std::string(j.at("cookie").as_string());
        if (!j.at("has_more").as_bool())
            return {rows, cookie};
    }
}

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
    // and training records from the HR office (one per course and week, going back).
    auto const hr = login(c, ours, "hr");
    auto const staff = login(c, ours, "staff");
    auto const me = json_ok(c.get("/api/v1/me", staff), 200, "me");
    std::string const employee(me.at("employee_id").as_string());
    auto const courses_json = json_ok(c.get("/api/v1/courses?limit=100", hr), 200, "courses");
    std::vector<std::string> courses;
    for (auto const& course : courses_json.at("items").as_array())
        courses.emplace_back(course.at("id").as_string());
    phone const measured = register_phone(c, staff, "0190a000-0000-7000-8000-000000000001");
    auto const [before, c0] = pull_to_end(c, measured, "");
    std::size_t const target_rows = 500;
    for (std::size_t i = 0; before + i < target_rows; ++i)
    {
        char date[16];
        int const days = static_cast<int>(i / courses.size()) * 7;
        std::tm t{};
        t.tm_year = 2026 - 1900;
        t.tm_mon = 10;
        t.tm_mday = 20 - days;
        std::mktime(&t);
        std::strftime(date, sizeof date, "%Y-%m-%d", &t);
        auto r = c.json(
            "POST",
            "/api/v1/training-records",
            R"({"employee_id":")" + employee + R"(","course_id":")" + courses[i % courses.size()] +
                R"(","completed_on":")" + date + R"(","score":100})",
            hr
        );
        json_ok(r, 201, "training record");
    }
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
