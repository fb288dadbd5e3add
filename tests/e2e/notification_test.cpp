// Reminders leave the server: the real binary delivers its notification outbox to a webhook, signed,
// retried after a failure, and marks what was delivered so that it is not sent again.
#include "server/core/calendar.hpp"
#include "server/core/clock.hpp"
#include "server/core/credentials.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/webhook_receiver.hpp"

#include <chrono>
#include <thread>

using namespace kompetens;
using namespace kompetens::test;

TEST_CASE(
    "a reminder reaches the configured webhook, signed, after one failed attempt", "[e2e][notifications]"
)
{
    core::init_crypto();
    webhook_receiver hook{1}; // the first delivery gets a 500
    e2e_server s{
        {"--webhook-url",
         "http://127.0.0.1:" + std::to_string(hook.port()) + "/hooks/kompetens",
         "--webhook-secret",
         "delat-hemligt",
         "--webhook-interval-ms",
         "200",
         "--sweep-interval-s",
         "0"}};
    auto const hr = s.login("hr");
    http_client c{s.proc.port()};
    auto const course =
        c.json("POST", "/api/v1/courses", R"({"code":"E2E-BRAND","title":"Brand","kind":"classroom"})", hr);
    REQUIRE(course.status == 201);
    auto const course_id = std::string(boost::json::parse(course.body).at("id").as_string());
    auto const people = boost::json::parse(c.json("GET", "/api/v1/employees?limit=1", "", hr).body);
    auto const someone = std::string(people.at("items").as_array()[0].as_object().at("id").as_string());

    core::system_clock_source clock;
    auto const in_two_days = core::format_iso_date(std::chrono::year_month_day{
        std::chrono::sys_days{*core::parse_iso_date(core::stockholm_today(clock.now()))} +
        std::chrono::days{2}});
    REQUIRE(
        c.json(
             "POST",
             "/api/v1/assignments",
             R"({"employee_ids":[")" + someone + R"("],"course_id":")" + course_id + R"(","due_date":")" +
                 in_two_days + "\"}",
             hr
        )
            .status == 201
    );

    // Wait (bounded) until our reminder has been delivered.
    auto ours = [&](webhook_receiver::delivery const& d) {
        return d.body.find(course_id) != std::string::npos && d.answered == 204;
    };
    std::vector<webhook_receiver::delivery> got;
    for (int i = 0; i < 600; ++i)
    {
        got = hook.received();
        if (std::any_of(got.begin(), got.end(), ours))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    auto const it = std::find_if(got.begin(), got.end(), ours);
    REQUIRE(it != got.end());
    auto const body = boost::json::parse(it->body).as_object();
    CHECK(body.at("kind").as_string() == "training.due_3");
    CHECK(body.at("about_employee_id").as_string() == someone);
    CHECK(body.at("on").as_string() == in_two_days);
    CHECK(it->path == "/hooks/kompetens");
    CHECK(
        it->headers.at("x-kompetens-signature") ==
        "sha256=" + core::hmac_sha256_hex("delat-hemligt", it->body)
    );
    CHECK(it->body.find("given_name") == std::string::npos); // ids only, never names

    // The first attempt failed and was retried: the failed delivery id came again and then succeeded.
    REQUIRE(got.front().answered == 500);
    auto const first_id = got.front().headers.at("x-kompetens-delivery");
    CHECK(std::count_if(got.begin(), got.end(), [&](auto const& d) {
              return d.headers.at("x-kompetens-delivery") == first_id && d.answered == 204;
          }) == 1);

    // Delivered ones are not sent again.
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    auto const later = hook.received();
    std::map<std::string, int> successes;
    for (auto const& d : later)
        if (d.answered == 204)
            ++successes[d.headers.at("x-kompetens-delivery")];
    for (auto const& [id, n] : successes)
        CHECK(n == 1);
}
