#include "tests/http/api_harness.hpp"

#include <catch2/catch.hpp>

using namespace kompetens;
using test::api_harness;

TEST_CASE("the router matches templates, and tells 404 from 405", "[http][router]")
{
    auto noop = [](http::request_context&) { return http::response{}; };
    http::router r{{
        {"GET", "/api/v1/units", http::access_rule::anyone(), +noop},
        {"POST", "/api/v1/units", http::access_rule::anyone(), +noop},
        {"GET", "/api/v1/units/{id}", http::access_rule::anyone(), +noop},
        {"PATCH", "/api/v1/units/{id}", http::access_rule::anyone(), +noop},
    }};
    auto m = r.match("GET", "/api/v1/units/abc");
    REQUIRE(m.found);
    CHECK(m.found->path == "/api/v1/units/{id}");
    REQUIRE(m.params.size() == 1);
    CHECK(m.params[0] == std::pair<std::string, std::string>{"id", "abc"});

    auto wrong = r.match("DELETE", "/api/v1/units/abc");
    CHECK_FALSE(wrong.found);
    CHECK(wrong.allow == "GET, PATCH");
    auto res = http::router::unmatched(wrong, "rid-1");
    CHECK(res.status == 405);
    bool has_allow = false;
    for (auto const& [k, v] : res.headers)
        has_allow = has_allow || (k == "Allow" && v == "GET, PATCH");
    CHECK(has_allow);

    CHECK(http::router::unmatched(r.match("GET", "/api/v1/unitz"), "rid").status == 404);
    CHECK_FALSE(r.match("GET", "/api/v1/units/").found); // a trailing slash is another resource
    CHECK_FALSE(r.match("GET", "/api/v1/units/a/b").found);
}

TEST_CASE_METHOD(api_harness, "errors are RFC 9457 problem documents with a stable code", "[http][problem]")
{
    auto r = call("POST", "/api/v1/units", "{not json", hr_a);
    CHECK(r.status == 400);
    CHECK(r.content_type == "application/problem+json");
    auto o = json_of(r);
    CHECK(text(o, "code") == "malformed_json");
    CHECK(text(o, "type") == "urn:kompetens:problem:malformed_json");
    CHECK(o.at("status").as_int64() == 400);
    CHECK(text(o, "title") == "Bad Request");
    CHECK(text(o, "request_id") == "test-rid");

    auto v = call("POST", "/api/v1/units", R"({"name":"Norr","kind":"hospital"})", hr_a);
    CHECK(v.status == 400);
    CHECK(text(json_of(v), "code") == "validation_failed");
    CHECK(text(json_of(v), "field") == "/kind");

    auto t = call("POST", "/api/v1/units", R"({"name":42,"kind":"other"})", hr_a);
    CHECK(text(json_of(t), "field") == "/name");

    auto arr = call("POST", "/api/v1/units", R"([1,2])", hr_a);
    CHECK(arr.status == 400);

    std::string deep(40, '[');
    deep += std::string(40, ']');
    CHECK(call("POST", "/api/v1/units", deep, hr_a).status == 400);
}

TEST_CASE_METHOD(api_harness, "a body that is not JSON by its Content-Type gets 415", "[http][problem]")
{
    http::header_list h{{"Content-Type", "text/plain"}, {"Authorization", "Bearer " + hr_a}};
    auto r = call("POST", "/api/v1/units", "", "", h);
    // call() adds no Content-Type for an empty body, so the one above stands.
    CHECK(r.status == 415);
    CHECK(text(json_of(r), "code") == "unsupported_media_type");
}

TEST_CASE_METHOD(api_harness, "no token, a bad token and a wrong role are told apart", "[http][auth]")
{
    auto none = call("GET", "/api/v1/units");
    CHECK(none.status == 401);
    CHECK(text(json_of(none), "code") == "unauthenticated");
    bool challenged = false;
    for (auto const& [k, v] : none.headers)
        challenged = challenged || (k == "WWW-Authenticate" && v == "Bearer");
    CHECK(challenged);

    CHECK(call("GET", "/api/v1/units", "", std::string(43, 'x')).status == 401);
    auto staff = call("GET", "/api/v1/accounts", "", staff_a);
    CHECK(staff.status == 403);
    CHECK(text(json_of(staff), "code") == "forbidden");
    CHECK(call("GET", "/api/v1/accounts", "", hr_a).status == 403);
    CHECK(call("GET", "/api/v1/accounts", "", admin_a).status == 200);
}

TEST_CASE_METHOD(api_harness, "logging out ends the token", "[http][auth]")
{
    auto me = call("GET", "/api/v1/me", "", hr_a);
    REQUIRE(me.status == 200);
    CHECK(text(json_of(me), "organisation_id") == org_a);
    CHECK(call("POST", "/api/v1/auth/logout", "", hr_a).status == 204);
    CHECK(call("GET", "/api/v1/me", "", hr_a).status == 401);
}

TEST_CASE_METHOD(
    api_harness, "login refuses a wrong password without saying which part was wrong", "[http][auth]"
)
{
    auto r = call("POST", "/api/v1/auth/login", R"({"username":"hr-a","password":"fel"})");
    CHECK(r.status == 401);
    auto u = call("POST", "/api/v1/auth/login", R"({"username":"ingen","password":"lösenord-för-test"})");
    CHECK(u.status == 401);
    CHECK(text(json_of(r), "detail") == text(json_of(u), "detail"));
    CHECK(call("POST", "/api/v1/auth/login", R"({"username":"hr-a"})").status == 400);
}

TEST_CASE_METHOD(
    api_harness,
    "health and metrics answer without a token, and metrics count by route template",
    "[http][system]"
)
{
    CHECK(call("GET", "/healthz").status == 200);
    auto ready = call("GET", "/readyz");
    CHECK(ready.status == 200);
    stats.observe("/api/v1/units/{id}", "GET", 200, 0.003);
    auto m = call("GET", "/metrics");
    CHECK(m.status == 200);
    CHECK(
        m.body.find(
            "kompetens_http_requests_total{route=\"/api/v1/units/{id}\",method=\"GET\",status=\"200\"} 1"
        ) != std::string::npos
    );
    CHECK(m.body.find("kompetens_db_pool_size 2") != std::string::npos);
    CHECK(m.body.find("kompetens_http_request_duration_seconds_bucket{le=\"0.005\"} 1") != std::string::npos);
}

TEST_CASE_METHOD(api_harness, "readiness turns 503 while draining", "[http][system]")
{
    draining = true;
    auto r = call("GET", "/readyz");
    CHECK(r.status == 503);
    bool retry = false;
    for (auto const& [k, v] : r.headers)
        retry = retry || k == "Retry-After";
    CHECK(retry);
}

TEST_CASE("when no database session frees up in time the API answers 503 with Retry-After", "[http][pool]")
{
    test::fresh_database fresh;
    fresh.open_migrated(); // the schema, through a pool of its own
    storage::database_config c;
    c.url = fresh.url();
    c.pool_size = 1;
    c.lease_timeout_ms = 50;
    auto db = storage::database::open(c);
    core::manual_clock clock{0};
    http::metrics stats;
    std::atomic<bool> draining{false};
    http::services svc{*db, clock, stats, draining, 1000};
    http::router router{http::api_routes()};
    auto held = db->acquire(); // a long report holds the only session

    http::request req;
    req.method = "GET";
    req.target = "/api/v1/units";
    req.headers = {{"Authorization", "Bearer " + std::string(43, 'a')}};
    auto m = router.match(req.method, req.path());
    REQUIRE(m.found);
    http::request_context ctx{req, svc, "rid", m.params, std::nullopt};
    auto r = router.run(*m.found, ctx);
    CHECK(r.status == 503);
    bool retry_after = false;
    for (auto const& [k, v] : r.headers)
        retry_after = retry_after || (k == "Retry-After" && v == "2");
    CHECK(retry_after);
    CHECK(boost::json::parse(r.body).at("code").as_string() == "database_unavailable");
}
