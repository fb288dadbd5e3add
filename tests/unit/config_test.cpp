#include "server/app/config.hpp"
#include "tests/support/test_database.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace kompetens::app;

namespace {
config load(std::vector<std::string> args, std::vector<std::string> env = {})
{
    std::vector<char const*> e;
    for (auto const& s : env)
        e.push_back(s.c_str());
    e.push_back(nullptr);
    return load_config(args, e.data());
}
} // namespace

TEST_CASE("defaults serve the embedded database on loopback port 8080", "[unit][config]")
{
    auto c = load({});
    CHECK(c.database == "sqlite:var/kompetens.db");
    CHECK(c.address == "127.0.0.1");
    CHECK(c.port == 8080);
}

TEST_CASE("flags beat the environment, which beats the file", "[unit][config]")
{
    kompetens::test::temp_dir dir;
    auto const file = dir.path() + "/server.json";
    std::ofstream(file) << R"({"port": 7000, "io_threads": 2, "database": "sqlite:/tmp/a.db"})";
    auto c = load(
        {"--config", file, "--port", "9000"}, {"KOMPETENS_PORT=8000", "KOMPETENS_DATABASE=postgresql://db/k"}
    );
    CHECK(c.port == 9000);
    CHECK(c.database == "postgresql://db/k");
    CHECK(c.io_threads == 2);
    auto d = load({"--port=9100", "--seed-demo"});
    CHECK(d.port == 9100);
    CHECK(d.seed_demo);
}

TEST_CASE("bad configuration is refused with the key named", "[unit][config]")
{
    CHECK_THROWS_WITH(load({"--port", "70000"}), Catch::Contains("port must be between 0 and 65535"));
    CHECK_THROWS_WITH(load({"--port", "eighty"}), Catch::Contains("port must be a whole number"));
    CHECK_THROWS_WITH(load({"--colour", "blue"}), Catch::Contains("unknown key \"colour\""));
    CHECK_THROWS_WITH(load({}, {"KOMPETENS_IO_THREADS=0"}), Catch::Contains("KOMPETENS_IO_THREADS"));
    CHECK_THROWS_WITH(load({"--database", "mysql://x"}), Catch::Contains("sqlite: or postgresql://"));
    CHECK_THROWS_WITH(load({"--port"}), Catch::Contains("--port needs a value"));
    CHECK_THROWS_WITH(load({"--config", "/nonexistent/k.json"}), Catch::Contains("cannot read the file"));
    // Spliced into a SET statement, so anything but a plain decimal is refused here.
    for (char const* bad : {"nan", "1e1", "0", "1.1; drop table employee", "fast"})
        CHECK_THROWS_WITH(load({"--pg-random-page-cost", bad}), Catch::Contains("pg_random_page_cost"));
    CHECK(load({"--pg-random-page-cost", "2.5"}).pg_random_page_cost == "2.5");
    CHECK(load({"--pg-random-page-cost", ""}).pg_random_page_cost.empty());
}
