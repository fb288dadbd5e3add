#include "server/storage/unit_of_work.hpp"
#include "tests/e2e/e2e_fixture.hpp"

#include <soci/soci.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <thread>

using namespace kompetens::test;

TEST_CASE(
    "SIGTERM under load: requests in flight complete, new connections are refused, exit 0", "[e2e][lifecycle]"
)
{
    e2e_server s{{"--drain-deadline-ms", "20000"}};
    auto const token = s.login("hr");

    // A create whose body is only half sent when the signal arrives: it is in flight.
    std::string const body = R"({"name":"Nattpatrullen","kind":"home_care"})";
    raw_connection in_flight{s.proc.port()};
    in_flight.send(
        "POST /api/v1/units HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nAuthorization: Bearer " +
        token + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10)
    );

    // An idle keep-alive connection, and clients keeping the server busy.
    http_client idle{s.proc.port()};
    REQUIRE(idle.get("/healthz").status == 200);
    std::atomic<bool> stop{false};
    std::atomic<int> ok{0}, bad{0};
    std::vector<std::thread> load;
    for (int i = 0; i < 3; ++i)
        load.emplace_back([&] {
            try
            {
                http_client c{s.proc.port()};
                while (!stop)
                {
                    auto r = c.get("/api/v1/employees?limit=20", token);
                    (r.status == 200 ? ok : bad)++;
                }
            }
            catch (std::exception const&)
            {
                // the drain closed our connection, or a reconnect was refused: expected once it starts
            }
        });
    while (ok < 20)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));

    s.proc.signal(SIGTERM);
    bool refused = false;
    for (int i = 0; i < 500 && !refused; ++i)
    {
        refused = connection_refused(s.proc.port());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(refused);
    stop = true;
    for (auto& t : load)
        t.join();
    CHECK(bad == 0); // every answer the load got was a complete 200, none an error

    // The in-flight request still completes, and is told the connection closes.
    in_flight.send(body.substr(10));
    auto const reply = in_flight.read_response(30'000);
    CHECK(reply.rfind("HTTP/1.1 201", 0) == 0);
    CHECK(reply.find("Connection: close") != std::string::npos);

    CHECK(s.proc.wait(30'000) == 0);
    CHECK(s.proc.log().find("stopped cleanly") != std::string::npos);
}

TEST_CASE("an unreachable database at start gives a clear message and a non-zero exit", "[e2e][lifecycle]")
{
    std::string out;
    int const status = run_server_command(
        {"serve", "--database", "postgresql://kompetens:s3cret-pw@127.0.0.1:1/kompetens", "--port", "0"}, out
    );
    CHECK(status == 1);
    CHECK(
        out.find("cannot open the database postgresql://kompetens:***@127.0.0.1:1/kompetens") !=
        std::string::npos
    );
    CHECK(out.find("s3cret-pw") == std::string::npos); // the password never reaches the terminal or a log
}

TEST_CASE("bad configuration is refused before anything starts", "[e2e][lifecycle]")
{
    std::string out;
    CHECK(run_server_command({"serve", "--port", "99999"}, out) == 2);
    CHECK(out.find("port must be between 0 and 65535") != std::string::npos);
    CHECK(run_server_command({"serve", "--database", "oracle://x"}, out) == 2);
    CHECK(run_server_command({"frobnicate"}, out) == 2);
    CHECK(out.find("unknown command") != std::string::npos);
}

TEST_CASE("migrate, seed-demo, admin create and version work from the command line", "[e2e][cli]")
{
    fresh_database db;
    temp_dir dir;
    std::string out;
    REQUIRE(run_server_command({"migrate", "--database", db.url()}, out) == 0);
    CHECK(out.find("migrations; schema version") != std::string::npos);
    CHECK(out.find("applied 0 migrations") == std::string::npos);
    REQUIRE(run_server_command({"migrate", "--database", db.url()}, out) == 0);
    CHECK(out.find("applied 0 migrations") != std::string::npos);

    auto const creds = dir.path() + "/creds.txt";
    REQUIRE(
        run_server_command({"seed-demo", "--database", db.url(), "--demo-credentials-file", creds}, out) == 0
    );
    CHECK(out.find("seeded the demo organisation") != std::string::npos);
    REQUIRE(
        run_server_command({"seed-demo", "--database", db.url(), "--demo-credentials-file", creds}, out) == 0
    );
    CHECK(out.find("the demo organisation exists") != std::string::npos);

    REQUIRE(
        run_server_command(
            {"admin",
             "create",
             "--username",
             "första-admin",
             "--organisation-name",
             "Nya kommunen",
             "--database",
             db.url()},
            out,
            "ett-riktigt-långt-lösenord\n"
        ) == 0
    );
    CHECK(out.find("created account") != std::string::npos);
    CHECK(
        run_server_command(
            {"admin",
             "create",
             "--username",
             "första-admin",
             "--organisation-name",
             "Igen",
             "--database",
             db.url()},
            out,
            "ett-riktigt-långt-lösenord\n"
        ) == 2
    );
    CHECK(out.find("the username is taken") != std::string::npos);

    REQUIRE(run_server_command({"version"}, out) == 0);
    CHECK(out.rfind("kompetens-server ", 0) == 0);
}

TEST_CASE(
    "audit verify finds an intact trail, and names the first broken link after tampering", "[e2e][audit]"
)
{
    fresh_database db;
    temp_dir dir;
    std::string out;
    REQUIRE(
        run_server_command(
            {"seed-demo", "--database", db.url(), "--demo-credentials-file", dir.path() + "/c.txt"}, out
        ) == 0
    );
    REQUIRE(run_server_command({"audit", "verify", "--database", db.url()}, out) == 0);
    CHECK(out.find(": intact, ") != std::string::npos);

    {
        auto conn = db.open_migrated(1);
        kompetens::storage::unit_of_work uow{*conn, kompetens::storage::access_mode::write};
        if (conn->kind() == kompetens::storage::backend::sqlite)
            uow.sql() << "drop trigger audit_event_no_update";
        else
            uow.sql() << "alter table audit_event disable trigger user";
        uow.sql() << "update audit_event set entity_id = 'forged' where seq = 5";
        uow.commit();
    }
    CHECK(run_server_command({"audit", "verify", "--database", db.url()}, out) == 3);
    CHECK(out.find("BROKEN at entry 5") != std::string::npos);
}

TEST_CASE("after a scripted session the log holds no password and no token", "[e2e][security]")
{
    e2e_server s;
    auto const password = s.password_of("hr");
    auto const token = s.login("hr");
    http_client c{s.proc.port()};
    REQUIRE(c.get("/api/v1/employees?limit=5", token).status == 200);
    REQUIRE(
        c.json("POST", "/api/v1/auth/login", R"({"username":"hr","password":"wrong-)" + password + "\"}")
            .status == 401
    );
    REQUIRE(c.get("/api/v1/me", token).status == 200);
    REQUIRE(s.proc.stop() == 0);
    auto const log = s.proc.log();
    CHECK(log.find("access: rid=") != std::string::npos); // there is an access log to search
    CHECK(log.find(password) == std::string::npos);
    CHECK(log.find(token) == std::string::npos);
    CHECK(log.find("Leila") == std::string::npos); // no names either

    // And the database itself: every byte of the SQLite file and its write-ahead log.
    if (backend_name() == "sqlite")
    {
        auto const path = s.fresh.url().substr(7);
        std::string bytes;
        for (auto const& f : {path, path + "-wal"})
        {
            std::ifstream in(f, std::ios::binary);
            bytes += std::string(std::istreambuf_iterator<char>(in), {});
        }
        REQUIRE(bytes.size() > 10'000);
        CHECK(bytes.find(password) == std::string::npos);
        CHECK(bytes.find(token) == std::string::npos);
    }
    else if (char const* data = std::getenv("KOMPETENS_TEST_PG_DATA"))
    {
        // Every file of the cluster: tables, indexes and the write-ahead log.
        std::size_t files = 0;
        for (auto const& f : std::filesystem::recursive_directory_iterator(data))
        {
            if (!f.is_regular_file())
                continue;
            std::ifstream in(f.path(), std::ios::binary);
            std::string const bytes{std::istreambuf_iterator<char>(in), {}};
            ++files;
            INFO(f.path());
            CHECK(bytes.find(password) == std::string::npos);
            CHECK(bytes.find(token) == std::string::npos);
        }
        CHECK(files > 100);
    }
}

TEST_CASE("the demo organisation has a student on the way, a mentor and a ten-year projection", "[e2e][demo]")
{
    e2e_server s;
    http_client c{s.proc.port()};
    auto const staff = s.login("staff");
    auto const mine = c.get("/api/v1/me/mentorships", staff);
    REQUIRE(mine.status == 200);
    auto const items = boost::json::parse(mine.body).at("items").as_array();
    REQUIRE(items.size() == 1);
    CHECK(items[0].at("status").as_string() == "active");

    auto const education = s.login("education");
    auto const pending = c.get("/api/v1/placement-availability?from=2000-01-01&to=2100-12-31", education);
    REQUIRE(pending.status == 200);
    auto const units = boost::json::parse(pending.body).at("items").as_array();
    CHECK_FALSE(units.empty()); // the staff member's unit takes students

    auto const projection = c.get("/api/v1/reports/workforce-projection?format=svg", s.login("hr"));
    REQUIRE(projection.status == 200);
    CHECK(projection.body.find("<svg") != std::string::npos);
}
