// Benchmark B2 of the Benchmarks issue: an authenticated read, a care worker's own training list
// (GET /api/v1/me/training, about 50 rows of JSON), against pgbench running the same SQL at the same
// concurrency on the same PostgreSQL.
//
// The real server binary serves a fresh database with the demo organisation; the HR account publishes
// courses and assigns them to the demo's care worker until her list has 50 rows. A second server process
// on the same database, whose sessions have `log_statement = all`, answers the same request with the same
// token once: the statements it logs (token lookup, the list) become the pgbench script. wrk drives the
// measuring server (which logs as in production) and pgbench the script, each with the same number of
// connections for the same time, in interleaved rounds; the figures are requests and transactions per
// second.
//
// Usage: kompetens-bench-read --database PGURL --pg-log FILE [--rounds N] [--clients N] [--seconds N]
//        (KOMPETENS_SERVER_BIN names the server binary; wrk and pgbench must be on PATH)
#include "ops/bench/bench_support.hpp"

#include <boost/json.hpp>

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

std::size_t my_training_rows(http_client& c, std::string const& token)
{
    return json_ok(c.get("/api/v1/me/training", token), 200, "my training").at("items").as_array().size();
}

/** wrk's requests per second for GET `target` with a bearer token; throws on any answer but 2xx. */
double
wrk_rps(std::uint16_t port, std::string const& target, std::string const& token, int clients, int seconds)
{
    auto const output = run_command(
        "wrk -t1 -c" + std::to_string(clients) + " -d" + std::to_string(seconds) +
        "s -H 'Authorization: Bearer " + token + "' http://127.0.0.1:" + std::to_string(port) + target
    );
    if (output.find("Non-2xx") != std::string::npos || output.find("Socket errors") != std::string::npos)
        throw std::runtime_error("wrk saw failed requests:\n" + output);
    std::smatch m;
    if (!std::regex_search(output, m, std::regex(R"(Requests/sec:\s+([0-9.]+))")))
        throw std::runtime_error("no Requests/sec in wrk's output:\n" + output);
    return std::stod(m[1]);
}

} // namespace

int run(int argc, char** argv)
{
    std::string url, pg_log;
    int rounds = 3, clients = 8, seconds = 5;
    for (int i = 1; i + 1 < argc; i += 2)
    {
        std::string const a = argv[i];
        if (a == "--database")
            url = argv[i + 1];
        else if (a == "--pg-log")
            pg_log = argv[i + 1];
        else if (a == "--rounds")
            rounds = std::stoi(argv[i + 1]);
        else if (a == "--clients")
            clients = std::stoi(argv[i + 1]);
        else if (a == "--seconds")
            seconds = std::stoi(argv[i + 1]);
    }
    if (url.empty() || pg_log.empty())
    {
        std::cerr << "usage: kompetens-bench-read --database PGURL --pg-log FILE [--rounds N] [--clients N] "
                     "[--seconds N]\n";
        return 2;
    }
    // No sweeper and no pokes during the measurement; the access log stays on, as in production.
    std::vector<std::string> const quiet{"--sweep-interval-s", "0", "--poke-interval-ms", "60000"};
    std::vector<std::string> ours_args = quiet;
    ours_args.emplace_back("--seed-demo");
    server_process ours{url, ours_args};
    http_client c{ours.port()};

    auto const hr = login(c, ours, "hr");
    auto const staff = login(c, ours, "staff");
    std::string const employee(json_ok(c.get("/api/v1/me", staff), 200, "me").at("employee_id").as_string());
    std::size_t const target_rows = 50;
    for (int n = 1; my_training_rows(c, staff) < target_rows; ++n)
    {
        char code[16];
        std::snprintf(code, sizeof code, "B2-%02d", n);
        auto const course = json_ok(
            c.json(
                "POST",
                "/api/v1/courses",
                std::string(R"({"code":")") + code +
                    R"(","title":"Benchmark course","kind":"e_learning","validity_months":24})",
                hr
            ),
            201,
            "course"
        );
        json_ok(
            c.json(
                "POST",
                "/api/v1/assignments",
                R"({"employee_ids":[")" + employee + R"("],"course_id":")" +
                    std::string(course.at("id").as_string()) + R"(","due_date":"2027-03-31"})",
                hr
            ),
            201,
            "assignment"
        );
    }
    std::size_t const rows = my_training_rows(c, staff);
    std::string const target = "/api/v1/me/training";

    std::string script;
    int statements = 0;
    {
        server_process capture{with_statement_log(url), quiet};
        http_client cc{capture.port()};
        my_training_rows(cc, staff); // warm the capturing server's caches once
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        auto const at0 = file_size(pg_log);
        my_training_rows(cc, staff);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        script = pgbench_script(read_from(pg_log, at0), statements);
    }
    if (statements == 0)
        throw std::runtime_error("no statements captured from " + pg_log + " (is log_statement allowed?)");
    std::string const script_path = ours.dir() + "/my_training.sql";
    std::ofstream(script_path) << script;

    std::vector<double> ours_rps, base_tps;
    for (int r = 0; r < rounds; ++r)
    {
        ours_rps.push_back(wrk_rps(ours.port(), target, staff, clients, seconds));
        base_tps.push_back(pgbench_tps(url, script_path, clients, seconds));
    }
    double const a = median(ours_rps), b = median(base_tps);
    std::printf(
        "| backend | what | rows | statements | connections | ours (median req/s) | pgbench same SQL (median "
        "tps) | ratio | target |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    );
    std::printf(
        "| postgresql | B2 GET %s | %zu | %d | %d | %.0f | %.0f | %.2f | ≥ 0.8: %s |\n",
        target.c_str(),
        rows,
        statements,
        clients,
        a,
        b,
        a / b,
        a / b >= 0.8 ? "met" : "missed"
    );
    // The statements, shortened, so that a reader sees what one request costs.
    std::istringstream lines(script);
    for (std::string line; std::getline(lines, line);)
        std::fprintf(stderr, "  %.150s\n", line.c_str());
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
        std::cerr << "kompetens-bench-read: " << e.what() << "\n";
        return 1;
    }
}
