#include "tests/e2e/e2e_fixture.hpp"

#include <thread>

using namespace kompetens::test;

TEST_CASE("the real server answers health, errors and request ids over HTTP", "[e2e][http]")
{
    e2e_server s;
    http_client c{s.proc.port()};

    auto health = c.get("/healthz");
    CHECK(health.status == 200);
    CHECK(health.keep_alive);
    CHECK(c.get("/readyz").status == 200);

    auto echoed = c.request("GET", "/healthz", "", {{"X-Request-Id", "trace-abc.123"}});
    CHECK(echoed.header("x-request-id") == "trace-abc.123");
    auto replaced = c.request("GET", "/healthz", "", {{"X-Request-Id", "bad id with spaces"}});
    CHECK(replaced.header("x-request-id").size() == 36);

    auto bad_json = c.json("POST", "/api/v1/auth/login", "{\"username\": ");
    CHECK(bad_json.status == 400);
    CHECK(bad_json.header("content-type") == "application/problem+json");
    CHECK(code_of(bad_json) == "malformed_json");

    auto unknown = c.get("/api/v1/nothing-here");
    CHECK(unknown.status == 404);
    CHECK(code_of(unknown) == "not_found");

    auto wrong = c.request("DELETE", "/api/v1/units");
    CHECK(wrong.status == 405);
    CHECK(wrong.header("allow") == "GET, POST");
    CHECK(code_of(wrong) == "method_not_allowed");

    // The same connection still works after all those refusals.
    CHECK(c.get("/healthz").status == 200);
}

TEST_CASE("a body over the route's limit gets 413 before it is read", "[e2e][limits]")
{
    e2e_server s;
    raw_connection conn{s.proc.port()};
    std::string const body(20'000, 'x'); // the login route takes at most 16 KiB
    conn.send(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body
    );
    auto const reply = conn.read_response(30'000);
    CHECK(reply.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(reply.find("payload_too_large") != std::string::npos);
}

TEST_CASE("a header block over the limit gets 431", "[e2e][limits]")
{
    e2e_server s;
    raw_connection conn{s.proc.port()};
    conn.send("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Padding: " + std::string(9000, 'a') + "\r\n\r\n");
    auto const reply = conn.read_response(30'000);
    CHECK(reply.rfind("HTTP/1.1 431", 0) == 0);
    CHECK(reply.find("header_too_large") != std::string::npos);
}

TEST_CASE(
    "a client that connects and sends nothing is let go, while others keep being served", "[e2e][limits]"
)
{
    e2e_server s{{"--header-timeout-ms", "700"}};
    raw_connection silent{s.proc.port()};
    raw_connection half{s.proc.port()};
    half.send("GET /healthz HTTP/1.1\r\nHost: t\r\n"); // a slowloris: the header never ends

    http_client busy{s.proc.port()};
    int served = 0;
    for (int i = 0; i < 10; ++i)
    {
        served += busy.get("/healthz").status == 200 ? 1 : 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(served == 10);

    bool closed = false;
    auto const got = silent.read_until_close(20'000, closed);
    CHECK(closed);
    CHECK(got.empty()); // nothing to answer: the connection is simply closed
    half.read_until_close(20'000, closed);
    CHECK(closed);
    CHECK(busy.get("/healthz").status == 200);
}

TEST_CASE("a connection that falls silent between requests is closed at the idle timeout", "[e2e][limits]")
{
    // The header timeout is short, the idle timeout longer: the connection survives the first, which the
    // deadline's timer was set for, and is closed at the second.
    e2e_server s{{"--header-timeout-ms", "300", "--idle-timeout-ms", "3000"}};
    raw_connection keep{s.proc.port()};
    std::string const get = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
    keep.send(get);
    REQUIRE(keep.read_response(20'000).rfind("HTTP/1.1 200", 0) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    keep.send(get);
    REQUIRE(keep.read_response(20'000).rfind("HTTP/1.1 200", 0) == 0);
    bool closed = false;
    CHECK(keep.read_until_close(20'000, closed).empty());
    CHECK(closed);
}

TEST_CASE("a request body that stops coming is cut off at the body timeout", "[e2e][limits]")
{
    e2e_server s{{"--body-timeout-ms", "500"}};
    raw_connection slow{s.proc.port()};
    slow.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
              "Content-Length: 100\r\n\r\n{\"username\":");
    http_client other{s.proc.port()};
    CHECK(other.get("/healthz").status == 200); // the server keeps serving others meanwhile
    bool closed = false;
    CHECK(slow.read_until_close(20'000, closed).empty()); // half a request gets no answer
    CHECK(closed);
}

TEST_CASE("connections over the cap are closed at once; the ones within keep working", "[e2e][limits]")
{
    e2e_server s{{"--max-connections", "2"}};
    http_client first{s.proc.port()};
    http_client second{s.proc.port()};
    REQUIRE(first.get("/healthz").status == 200);
    REQUIRE(second.get("/healthz").status == 200);

    raw_connection third{s.proc.port()};
    third.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
    bool closed = false;
    auto const got = third.read_until_close(20'000, closed);
    CHECK(closed);
    CHECK(got.empty());
    CHECK(first.get("/healthz").status == 200);

    auto m = first.get("/metrics");
    CHECK(m.body.find("kompetens_http_rejected_connections_total 1") != std::string::npos);
    CHECK(m.body.find("kompetens_http_open_connections 2") != std::string::npos);
}
