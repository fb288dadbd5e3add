#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/tcp_proxy.hpp"

#include <cstdlib>
#include <thread>

using namespace kompetens::test;

namespace {
int wait_for_status(http_client& c, std::string const& target, int wanted, int tries)
{
    int last = 0;
    for (int i = 0; i < tries; ++i)
    {
        last = c.get(target).status;
        if (last == wanted)
            return last;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return last;
}
} // namespace

// PostgreSQL only: an embedded SQLite file cannot drop off the network.
TEST_CASE(
    "losing the database while serving gives 503 with Retry-After, and service returns by itself",
    "[e2e][postgresql-only]"
)
{
    char const* port_env = std::getenv("KOMPETENS_TEST_PG_PORT");
    REQUIRE(port_env != nullptr);
    auto const pg_port = static_cast<std::uint16_t>(std::stoi(port_env));
    fresh_database db;
    tcp_proxy proxy{pg_port};
    server_process srv{through_proxy(db.url(), pg_port, proxy.port()), {"--seed-demo"}};

    http_client c{srv.port()};
    REQUIRE(c.get("/readyz").status == 200);
    std::string password;
    {
        std::ifstream in(srv.dir() + "/credentials.txt");
        std::string user, pw, line;
        while (std::getline(in, line))
            if (line.rfind("hr ", 0) == 0)
                password = line.substr(3, line.find(' ', 3) - 3);
    }
    auto login = c.json("POST", "/api/v1/auth/login", R"({"username":"hr","password":")" + password + "\"}");
    REQUIRE(login.status == 200);
    auto const token = std::string(boost::json::parse(login.body).at("access_token").as_string());
    REQUIRE(c.get("/api/v1/units", token).status == 200);

    proxy.cut();
    auto ready = c.get("/readyz");
    CHECK(ready.status == 503);
    CHECK(ready.header("retry-after") == "2");
    auto api = c.get("/api/v1/units", token);
    CHECK(api.status == 503);
    CHECK(api.header("retry-after") == "2");
    CHECK(code_of(api) == "database_unavailable");
    CHECK(c.get("/healthz").status == 200); // the process itself is fine: no restart wanted

    proxy.restore();
    CHECK(wait_for_status(c, "/readyz", 200, 300) == 200);
    CHECK(c.get("/api/v1/units", token).status == 200);
    CHECK(c.get("/api/v1/employees?limit=3", token).status == 200);
    CHECK(srv.stop() == 0);
}
