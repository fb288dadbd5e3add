// The sync protocol against the real router and database: properties of research/sync.md §6 that the
// server alone decides (numbers in the test names).
#include "sync/server/failpoints.hpp"
#include "tests/http/sync_fixture.hpp"

#include <soci/soci.h>

using namespace kompetens;
using namespace kompetens::test;
using sync::lane;

namespace {

boost::json::object result_at(wire_reply const& r, std::size_t i)
{
    return r.json().at("results").as_array().at(i).as_object();
}

} // namespace

TEST_CASE_METHOD(
    sync_fixture,
    "a phone's first pull brings delegations first, then its training, with a digest",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    auto const pages = phone.pull_all();
    REQUIRE(pages.size() == 1);
    auto const& page = pages.front();
    auto const& patch = page.at("patch").as_array();
    REQUIRE(patch.size() > 3);
    CHECK(str(patch[0], "op") == "clear"); // a first pull is a reset of nothing
    CHECK(str(patch[1], "type") == "delegation");
    CHECK(phone.of_type("delegation").size() == 1);
    CHECK(phone.of_type("assignment").size() == 1);
    CHECK(phone.of_type("requirement").size() == 1);
    CHECK(phone.of_type("person").size() == 2); // Sara and her nurse
    // A lease for the active insulin delegation: high risk, one hour.
    auto const& leases = page.at("leases").as_array();
    REQUIRE(leases.size() == 1);
    CHECK(leases[0].at("expires_at_ms").as_int64() == clock.now() + 3600 * 1000);
    CHECK(phone.local_digest() == phone.last_digest);

    // Nothing changed: the next pull is empty and no reset (46).
    auto again = phone.pull();
    REQUIRE(again.status == 200);
    CHECK(again.json().at("patch").as_array().empty());
    CHECK(again.header("cache-control") == "no-store, private"); // 30
    // Ida's phone sees none of Sara's rows.
    auto other = sync_fixture::phone(ida_t);
    other.pull_all();
    CHECK(other.of_type("delegation").empty());
    for (auto const& a : other.of_type("assignment"))
        CHECK(a.at("id").as_string() != phone.of_type("assignment")[0].at("id").as_string());
}

TEST_CASE_METHOD(
    sync_fixture,
    "pushing the same batch again gives the stored outcomes and one effect (1, 2)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    auto const attempt = core::new_uuid_v7(clock.now());
    std::vector<boost::json::object> batch{
        phone.mutation(
            lane::normal, "attempt.submit", {{"attempt_id", attempt}, {"module_id", quiz}, {"answers", {0}}}
        ),
        phone.mutation(lane::normal, "module.complete", {{"module_id", core::new_uuid_v7(clock.now())}}),
    };
    auto const first = phone.push(lane::normal, batch);
    REQUIRE(first.status == 200);
    CHECK(str(result_at(first, 0), "status") == "applied");
    CHECK(result_at(first, 0).at("effects").as_array()[0].at("passed").as_bool() == false);
    CHECK(str(result_at(first, 1), "status") == "rejected");
    CHECK(str(result_at(first, 1), "code") == "not_found");
    for (int k : {2, 5})
        for (int i = 1; i < k; ++i)
        {
            auto again = phone.push(lane::normal, batch);
            REQUIRE(again.status == 200);
            CHECK(result_at(again, 0).at("duplicate").as_bool());
            CHECK(str(result_at(again, 1), "code") == "not_found"); // the original rejection, again
            CHECK(result_at(again, 0).at("effects") == result_at(first, 0).at("effects"));
        }
    CHECK(count("select count(*) from quiz_attempt") == 1);
    CHECK(count("select count(*) from sync_mutation") == 2);
}

TEST_CASE_METHOD(
    sync_fixture, "a pull reports the outcomes the phone has not acknowledged (3)", "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    auto m = phone.mutation(
        lane::critical, "delegation.acknowledge", {{"delegation_id", delegation}, {"version", 99}}
    );
    REQUIRE(phone.push(lane::critical, {m}).status == 200);
    phone.acked[0] = 0; // the push response was lost
    auto const r = phone.pull().json();
    auto const& results = r.at("mutation_results").as_array();
    REQUIRE(results.size() == 1);
    CHECK(str(results[0], "lane") == "critical");
    CHECK(str(results[0], "status") == "rejected");
    CHECK(str(results[0], "code") == "conflict");
    CHECK(r.at("lanes").at("critical").at("last_seq").as_int64() == 1);
    phone.acked[0] = 1;
    CHECK(phone.pull().json().at("mutation_results").as_array().empty());
}

TEST_CASE_METHOD(
    sync_fixture,
    "the same sequence number with another payload is refused and applies nothing (4)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    auto a = phone.mutation(
        lane::normal,
        "progress.record",
        {{"event_id", core::new_uuid_v7(1)}, {"module_id", reading}, {"position", 10}}
    );
    REQUIRE(phone.push(lane::normal, {a}).status == 200);
    phone.next_seq[1] = 1; // a phone restored from an old backup numbers from 1 again
    auto b = phone.mutation(
        lane::normal,
        "progress.record",
        {{"event_id", core::new_uuid_v7(2)}, {"module_id", reading}, {"position", 90}}
    );
    auto r = phone.push(lane::normal, {b});
    CHECK(r.status == 409);
    CHECK(str(r.json(), "code") == "seq_payload_mismatch");
    CHECK(r.json().at("seq").as_int64() == 1);
    CHECK(count("select count(*) from module_progress_event") == 1);
}

TEST_CASE_METHOD(
    sync_fixture, "one attempt id from two devices is one attempt and two ledger rows (5)", "[http][sync]"
)
{
    auto one = sync_fixture::phone(sara_t);
    auto two = sync_fixture::phone(sara_t);
    boost::json::object args{
        {"attempt_id", core::new_uuid_v7(clock.now())}, {"module_id", quiz}, {"answers", {1}}};
    auto r1 = one.push(lane::normal, {one.mutation(lane::normal, "attempt.submit", args)});
    auto r2 = two.push(lane::normal, {two.mutation(lane::normal, "attempt.submit", args)});
    REQUIRE(r1.status == 200);
    REQUIRE(r2.status == 200);
    CHECK_FALSE(result_at(r1, 0).contains("duplicate_entity"));
    CHECK(result_at(r2, 0).at("duplicate_entity").as_bool());
    CHECK(count("select count(*) from quiz_attempt") == 1);
    CHECK(count("select count(*) from sync_mutation") == 2);
}

TEST_CASE_METHOD(
    sync_fixture,
    "a gap is refused with the expected number; resending from it applies in order (6, 9)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    auto m1 = phone.mutation(
        lane::normal,
        "progress.record",
        {{"event_id", core::new_uuid_v7(1)}, {"module_id", reading}, {"position", 10}}
    );
    auto m2 = phone.mutation(
        lane::normal,
        "progress.record",
        {{"event_id", core::new_uuid_v7(2)}, {"module_id", reading}, {"position", 40}}
    );
    auto m3 = phone.mutation(
        lane::normal,
        "progress.record",
        {{"event_id", core::new_uuid_v7(3)}, {"module_id", reading}, {"position", 30}}
    );
    auto gap = phone.push(lane::normal, {m2, m3});
    CHECK(gap.status == 409);
    CHECK(str(gap.json(), "code") == "seq_gap");
    CHECK(gap.json().at("expected_seq").as_int64() == 1);
    CHECK(count("select count(*) from module_progress_event") == 0);
    auto ok = phone.push(lane::normal, {m1, m2, m3});
    REQUIRE(ok.status == 200);
    CHECK(ok.json().at("last_seq").as_int64() == 3);
    std::vector<long long> order;
    {
        storage::unit_of_work uow{*db, storage::access_mode::read};
        soci::rowset<soci::row> rows =
            (uow.sql().prepare << "select seq from sync_mutation order by received_at, seq");
        for (auto const& r : rows)
            order.push_back(r.get<long long>(0));
    }
    CHECK(order == std::vector<long long>{1, 2, 3});
    phone.pull_all();
    auto const progress = phone.of_type("progress");
    REQUIRE(progress.size() == 1);
    CHECK(progress[0].at("position").as_int64() == 40); // the highest position, whatever the order
}
