// Sync against the real server binary on loopback: crashes in the middle of a batch, concurrent
// duplicates on separate connections, and two server processes on one PostgreSQL.
#include "server/core/ids.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/poke_client.hpp"
#include "tests/support/sync_device.hpp"
#include "tests/support/tcp_proxy.hpp"

#include <cstdlib>
#include <map>
#include <set>
#include <thread>

using namespace kompetens;
using namespace kompetens::test;
using sync::lane;

namespace {

transport socket_transport(std::uint16_t port)
{
    auto client = std::make_shared<http_client>(port);
    return [client, port](
               std::string const& m, std::string const& t, std::string const& b, header_pairs const& h
           ) mutable {
        http_reply r;
        try
        {
            r = client->request(m, t, b, h);
        }
        catch (std::exception const&)
        {
            client = std::make_shared<http_client>(port); // the server went away: a new connection next time
            return wire_reply{0, {}, ""};
        }
        return wire_reply{r.status, r.headers, r.body};
    };
}

/** The demo's care worker with a registered phone, and the ids of the hygiene modules. */
struct phone_setup
{
    std::string token, device_id, reading;
};

phone_setup staff_phone(e2e_server& s)
{
    phone_setup p;
    auto const login = s.login("staff");
    http_client c{s.proc.port()};
    p.device_id = core::new_uuid_v7(1'795'430'400'000);
    auto r = c.json(
        "POST", "/api/v1/devices", R"({"device_id":")" + p.device_id + R"(","platform":"android"})", login
    );
    REQUIRE(r.status == 201);
    p.token = std::string(boost::json::parse(r.body).at("access_token").as_string());
    auto cat = c.get("/sync/v1/catalog", p.token);
    REQUIRE(cat.status == 200);
    auto const catalog = boost::json::parse(cat.body);
    for (auto const& course : catalog.at("courses").as_array())
        for (auto const& m : course.at("modules").as_array())
            if (m.at("kind").as_string() == "reading")
                p.reading = std::string(m.at("id").as_string());
    REQUIRE_FALSE(p.reading.empty());
    return p;
}

std::vector<boost::json::object> progress_batch(sync_device& d, std::string const& module, int n)
{
    std::vector<boost::json::object> out;
    for (int i = 0; i < n; ++i)
        out.push_back(d.mutation(
            lane::normal,
            "progress.record",
            {{"event_id", core::new_uuid_v7(1'000'000 + i)}, {"module_id", module}, {"position", i % 101}}
        ));
    return out;
}

} // namespace

TEST_CASE(
    "a server killed after the 37th commit of a batch of 100 keeps exactly 1..37; the retry applies 38..100 "
    "once (11)",
    "[e2e][sync]"
)
{
    setenv("KOMPETENS_ENABLE_FAILPOINTS", "1", 1);
    setenv("KOMPETENS_FAILPOINTS", "push.after_commit=exit@37", 1);
    auto s = std::make_unique<e2e_server>();
    unsetenv("KOMPETENS_FAILPOINTS");
    unsetenv("KOMPETENS_ENABLE_FAILPOINTS");
    auto const p = staff_phone(*s);
    sync_device phone{socket_transport(s->proc.port()), p.token, p.device_id};
    REQUIRE(phone.hello().status == 200);
    auto const batch = progress_batch(phone, p.reading, 100);
    auto crashed = phone.push(lane::normal, batch);
    CHECK(crashed.status == 0); // the connection died with the process
    CHECK(s->proc.wait(10'000) != -1);

    // The same database, a new process: the ledger holds exactly 1..37.
    server_process again{s->fresh.url()};
    sync_device same{socket_transport(again.port()), p.token, p.device_id};
    auto hello = same.hello().json();
    CHECK(hello.at("lanes").at("normal").at("last_seq").as_int64() == 37);
    auto retry = same.push(lane::normal, batch);
    REQUIRE(retry.status == 200);
    auto const results = retry.json().at("results").as_array();
    REQUIRE(results.size() == 100);
    int duplicates = 0, applied = 0;
    for (auto const& r : results)
    {
        if (r.as_object().contains("duplicate"))
            ++duplicates;
        else if (r.at("status").as_string() == "applied")
            ++applied;
    }
    CHECK(duplicates == 37);
    CHECK(applied == 63);
    // Every event exactly once: the phone's progress shows the highest position of all 100.
    same.pull_all();
    auto const progress = same.of_type("progress");
    REQUIRE(progress.size() == 1);
    CHECK(progress[0].at("position").as_int64() == 99); // positions 0..99
}

TEST_CASE("the same push sent five times at once on separate connections applies once (1)", "[e2e][sync]")
{
    e2e_server s;
    auto const p = staff_phone(s);
    sync_device phone{socket_transport(s.proc.port()), p.token, p.device_id};
    REQUIRE(phone.hello().status == 200);
    auto const batch = progress_batch(phone, p.reading, 20);
    std::vector<std::thread> threads;
    std::vector<wire_reply> replies(5);
    for (int i = 0; i < 5; ++i)
        threads.emplace_back([&, i] {
            sync_device copy{socket_transport(s.proc.port()), p.token, p.device_id};
            replies[i] = copy.push(lane::normal, batch);
        });
    for (auto& t : threads)
        t.join();
    int first_time = 0;
    for (auto const& r : replies)
    {
        REQUIRE(r.status == 200);
        auto const results = r.json().at("results").as_array();
        REQUIRE(results.size() == 20);
        for (auto const& x : results)
        {
            CHECK(x.at("status").as_string() == "applied");
            if (!x.as_object().contains("duplicate"))
                ++first_time;
        }
    }
    CHECK(first_time == 20); // each mutation ran once; every other answer came from the ledger
    auto hello = phone.hello().json();
    CHECK(hello.at("lanes").at("normal").at("last_seq").as_int64() == 20);
}

TEST_CASE(
    "two server processes on one PostgreSQL give the same answers as one", "[e2e][sync][postgresql-only]"
)
{
    e2e_server s;
    server_process second{s.fresh.url()};
    auto const p = staff_phone(s);
    sync_device via_a{socket_transport(s.proc.port()), p.token, p.device_id};
    REQUIRE(via_a.hello().status == 200);
    auto const batch = progress_batch(via_a, p.reading, 30);
    // Halves through different processes, and the whole batch again through the other one.
    std::vector<boost::json::object> first(batch.begin(), batch.begin() + 15),
        rest(batch.begin() + 15, batch.end());
    REQUIRE(via_a.push(lane::normal, first).status == 200);
    sync_device via_b{socket_transport(second.port()), p.token, p.device_id};
    REQUIRE(via_b.push(lane::normal, rest).status == 200);
    auto const again = via_b.push(lane::normal, batch);
    REQUIRE(again.status == 200);
    auto const again_json = again.json();
    for (auto const& r : again_json.at("results").as_array())
        CHECK(r.as_object().contains("duplicate"));
    // A cookie from one process is good at the other; both see the same view.
    via_a.pull_all();
    via_b.cookie = via_a.cookie;
    via_b.last_ord = via_a.last_ord;
    via_b.versions = via_a.versions;
    via_b.rows = via_a.rows;
    auto const r = via_b.pull().json();
    CHECK(r.at("patch").as_array().empty());
    CHECK(r.at("ord").as_int64() > via_a.last_ord); // the order keeps rising across processes
    CHECK(via_b.local_digest() == via_a.last_digest);
    sync_device fresh_b{socket_transport(second.port()), p.token, p.device_id};
    fresh_b.pull_all();
    CHECK(fresh_b.versions == via_a.versions);
}

namespace {

/** The demo's active medication delegation of the staff member, revoked by the nurse who issued it. */
void nurse_revokes_demo_delegation(e2e_server& s, std::uint16_t port, std::string const& staff_token)
{
    http_client c{port};
    auto mine = c.get("/api/v1/me/delegations", staff_token);
    REQUIRE(mine.status == 200);
    auto const body = boost::json::parse(mine.body);
    auto const& items = body.at("items").as_array();
    REQUIRE(items.size() == 1);
    std::string const id(items[0].at("id").as_string());
    auto const nurse = s.login("nurse");
    auto r = c.json(
        "POST",
        "/api/v1/delegations/" + id + "/revoke",
        R"({"password":")" + s.password_of("nurse") + R"(","reason":"ny bedömning"})",
        nurse
    );
    REQUIRE(r.status == 200);
}

std::vector<std::pair<std::string, std::string>> phone_headers(phone_setup const& p)
{
    return {{"Authorization", "Bearer " + p.token}, {"X-Device-Id", p.device_id}};
}

long long poke_count(std::uint16_t port)
{
    http_client c{port};
    auto const m = c.get("/metrics").body;
    auto const at = m.find("kompetens_sync_poke_delivery_seconds_count ");
    REQUIRE(at != std::string::npos);
    return std::stoll(m.substr(at + std::string("kompetens_sync_poke_delivery_seconds_count ").size()));
}

} // namespace

TEST_CASE(
    "a revocation pokes the recipient's phone within seconds and the delivery latency is measured (20)",
    "[e2e][sync][poke]"
)
{
    e2e_server s{{"--poke-interval-ms", "200"}};
    auto const p = staff_phone(s);

    // Only the phone's own device and token may listen.
    CHECK(poke_client(s.proc.port(), "/sync/v1/poke", {{"X-Device-Id", p.device_id}}).status() == 401);
    CHECK(
        poke_client(
            s.proc.port(),
            "/sync/v1/poke",
            {{"Authorization", "Bearer " + p.token}, {"X-Device-Id", core::new_uuid_v7(1'795'430'400'000)}}
        ).status() == 403
    );
    CHECK(http_client{s.proc.port()}.get("/sync/v1/poke", p.token).status == 400);

    poke_client phone{s.proc.port(), "/sync/v1/poke", phone_headers(p)};
    REQUIRE(phone.status() == 101);
    CHECK_FALSE(phone.next(600)); // nothing happened: no poke
    nurse_revokes_demo_delegation(s, s.proc.port(), p.token);
    // The bound is a hang guard: the poke is due within one outbox read (200 ms) of the commit.
    auto const poke = phone.next(15'000);
    REQUIRE(poke);
    CHECK(*poke == R"({"pull":true})");
    CHECK(poke_count(s.proc.port()) == 1);

    // The pull the poke asked for shows the revocation first.
    sync_device d{socket_transport(s.proc.port()), p.token, p.device_id};
    REQUIRE(d.hello().status == 200);
    d.pull_all();
    auto const delegations = d.of_type("delegation");
    REQUIRE(delegations.size() == 1);
    CHECK(delegations[0].at("state").as_string() == "revoked");

    // A stop closes the listening phone at once rather than waiting out the drain deadline.
    CHECK(s.proc.stop() == 0);
    CHECK(s.proc.log().find("drain deadline passed") == std::string::npos);
    CHECK_FALSE(phone.next(1000));
}

TEST_CASE(
    "a revocation committed through another server process pokes a phone connected to this one",
    "[e2e][sync][poke][postgresql-only]"
)
{
    e2e_server s{{"--poke-interval-ms", "200"}};
    server_process other{s.fresh.url(), {"--poke-interval-ms", "200"}};
    auto const p = staff_phone(s);
    poke_client phone{s.proc.port(), "/sync/v1/poke", phone_headers(p)};
    REQUIRE(phone.status() == 101);
    nurse_revokes_demo_delegation(s, other.port(), p.token);
    auto const poke = phone.next(15'000);
    REQUIRE(poke);
    CHECK(*poke == R"({"pull":true})");
}

TEST_CASE(
    "the database going away in the middle of a push: the phone is told to retry, nothing is half done, and "
    "the retry completes every mutation exactly once (14)",
    "[e2e][sync][postgresql-only]"
)
{
    char const* port_env = std::getenv("KOMPETENS_TEST_PG_PORT");
    REQUIRE(port_env != nullptr);
    auto const pg_port = static_cast<std::uint16_t>(std::stoi(port_env));
    tcp_proxy proxy{pg_port};
    // Each commit is followed by a pause, so the batch of 100 is still running when the database goes.
    setenv("KOMPETENS_ENABLE_FAILPOINTS", "1", 1);
    setenv("KOMPETENS_FAILPOINTS", "push.after_commit=sleep:20", 1);
    e2e_server s{{}, [&](std::string const& url) { return through_proxy(url, pg_port, proxy.port()); }};
    unsetenv("KOMPETENS_FAILPOINTS");
    unsetenv("KOMPETENS_ENABLE_FAILPOINTS");
    auto const p = staff_phone(s);
    sync_device phone{socket_transport(s.proc.port()), p.token, p.device_id};
    REQUIRE(phone.hello().status == 200);
    auto const batch = progress_batch(phone, p.reading, 100);

    // A restart as the server sees it: every connection dropped, none accepted for a while, then back.
    std::thread restart([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        proxy.cut();
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        proxy.restore();
    });
    auto const first = phone.push(lane::normal, batch);
    restart.join();

    // Told to come back later: a 200 that lists what was applied before the cut and stops on the rest
    // (a 503 would hide the answers of what did commit).
    REQUIRE(first.status == 200);
    std::set<long long> applied;
    {
        auto const body = first.json();
        REQUIRE(body.at("stopped").is_object());
        CHECK(body.at("stopped").at("reason").as_string() == "transient");
        for (auto const& r : body.at("results").as_array())
        {
            REQUIRE(r.at("status").as_string() == "applied");
            applied.insert(r.at("seq").as_int64());
        }
        CHECK(body.at("last_seq").as_int64() >= static_cast<long long>(applied.size()));
    }
    CHECK_FALSE(applied.empty());
    CHECK(applied.size() < 100); // the cut came in the middle

    // Retry until the whole batch is answered (the pool reconnects by itself), counting for each seq how
    // often it was applied for the first time in any answer.
    std::map<long long, int> first_applied;
    for (auto seq : applied)
        ++first_applied[seq];
    wire_reply last;
    for (int i = 0; i < 100; ++i)
    {
        last = phone.push(lane::normal, batch);
        if (last.status == 200)
        {
            auto const body = last.json();
            for (auto const& r : body.at("results").as_array())
                if (!r.as_object().contains("duplicate"))
                    ++first_applied[r.at("seq").as_int64()];
            if (body.at("results").as_array().size() == 100)
                break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    REQUIRE(last.status == 200);
    auto const body = last.json();
    auto const& results = body.at("results").as_array();
    REQUIRE(results.size() == 100);
    CHECK(body.at("stopped").is_null());
    for (auto const& r : results)
    {
        CHECK(r.at("status").as_string() == "applied");
        if (applied.count(r.at("seq").as_int64()))
            CHECK(r.as_object().contains("duplicate")); // acknowledged before the cut: never run again
    }
    // Nothing ran twice. Only the mutation in flight at the cut may have committed without an answer
    // saying so; it is a duplicate on the retry rather than run again.
    std::size_t seen_once = 0;
    for (auto const& [seq, n] : first_applied)
    {
        CHECK(n == 1);
        seen_once += n == 1 ? 1 : 0;
    }
    CHECK(seen_once >= 99);
    CHECK(phone.hello().json().at("lanes").at("normal").at("last_seq").as_int64() == 100);
    phone.pull_all();
    auto const progress = phone.of_type("progress");
    REQUIRE(progress.size() == 1);
    CHECK(progress[0].at("position").as_int64() == 99);
}
