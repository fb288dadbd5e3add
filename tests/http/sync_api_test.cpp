// The sync protocol against the real router and database: properties of research/sync.md §6 that the
// server alone decides (numbers in the test names).
#include "server/core/training_service.hpp"
#include "server/storage/sync_backend_impl.hpp"
#include "sync/server/failpoints.hpp"
#include "sync/server/sync_service.hpp"
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

TEST_CASE_METHOD(
    sync_fixture,
    "a learning lane that keeps failing never holds back a signature in the critical lane; the poison is "
    "quarantined after five attempts (8, 44)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    auto const second = delegate(sara, ""); // issued, awaiting Sara's signature
    sync::configure_failpoints("push.before_handler.progress.record=throw");
    auto poison = phone.mutation(
        lane::normal,
        "progress.record",
        {{"event_id", core::new_uuid_v7(1)}, {"module_id", reading}, {"position", 50}}
    );
    auto after = phone.mutation(lane::normal, "module.complete", {{"module_id", reading}});
    for (int attempt = 1; attempt < 5; ++attempt)
    {
        auto r = phone.push(lane::normal, {poison, after});
        REQUIRE(r.status == 200);
        CHECK(r.json().at("results").as_array().empty());
        CHECK(r.json().at("stopped").at("reason").as_string() == "server_error");
        // Meanwhile the critical lane moves at once.
        if (attempt == 2)
        {
            auto sign = phone.push(
                lane::critical,
                {phone.mutation(
                    lane::critical,
                    "delegation.sign",
                    {{"delegation_id", second},
                     {"self_assessment_confirmed", true},
                     {"password", "lösenord-för-test"}}
                )}
            );
            REQUIRE(sign.status == 200);
            CHECK(str(result_at(sign, 0), "status") == "applied");
        }
    }
    auto fifth = phone.push(lane::normal, {poison, after});
    sync::configure_failpoints("");
    REQUIRE(fifth.status == 200);
    REQUIRE(fifth.json().at("results").as_array().size() == 2);
    CHECK(str(result_at(fifth, 0), "status") == "quarantined");
    CHECK(str(result_at(fifth, 0), "code") == "server_error");
    CHECK(str(result_at(fifth, 1), "status") == "applied"); // the lane moved on
    CHECK(count("select count(*) from sync_mutation where status = 'quarantined'") == 1);
    CHECK(count("select count(*) from sync_mutation where args like '%lösenord%'") == 0); // never stored
    // The phone hears of it again on its next pull until it acknowledges it.
    phone.acked[1] = 0;
    auto const pulled = phone.pull().json();
    CHECK(str(pulled.at("mutation_results").as_array()[0], "status") == "quarantined");
}

TEST_CASE_METHOD(
    sync_fixture,
    "a failure after the handler rolls everything back; the retry applies once (10)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    auto m = phone.mutation(
        lane::normal,
        "attempt.submit",
        {{"attempt_id", core::new_uuid_v7(5)}, {"module_id", quiz}, {"answers", {1}}}
    );
    sync::configure_failpoints("push.after_handler=throw@1");
    auto failed = phone.push(lane::normal, {m});
    sync::configure_failpoints("");
    REQUIRE(failed.status == 200);
    CHECK(failed.json().at("results").as_array().empty());
    CHECK(count("select count(*) from quiz_attempt") == 0);
    CHECK(count("select count(*) from sync_mutation") == 0);
    auto retry = phone.push(lane::normal, {m});
    CHECK(str(result_at(retry, 0), "status") == "applied");
    CHECK(count("select count(*) from quiz_attempt") == 1);
    CHECK(count("select count(*) from module_progress where employee_id = '" + sara + "'") == 1);
}

TEST_CASE_METHOD(
    sync_fixture,
    "a nurse's revocation reaches the phone first in its next pull and ends the lease (20)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    phone.pull_all();
    REQUIRE(phone.of_type("delegation")[0].at("state").as_string() == "active");
    REQUIRE(
        call(
            "POST",
            "/api/v1/delegations/" + delegation + "/revoke",
            R"({"password":"lösenord-för-test","reason":"fel"})",
            nurse_t
        )
            .status == 200
    );
    auto r = phone.pull(50).json();
    auto const& patch = r.at("patch").as_array();
    REQUIRE_FALSE(patch.empty());
    CHECK(str(patch[0], "type") == "delegation"); // priority 0 first
    CHECK(patch[0].at("data").at("state").as_string() == "revoked");
    CHECK(r.at("leases").as_array().empty()); // no lease for a revoked delegation
    CHECK(phone.of_type("delegation")[0].at("state").as_string() == "revoked");
}

TEST_CASE_METHOD(
    sync_fixture,
    "a signature sent after the nurse revoked is refused as delegation_revoked, with the current copy (23)",
    "[http][sync]"
)
{
    auto const pending = delegate(sara, "");
    auto phone = sync_fixture::phone(sara_t);
    phone.pull_all();
    // Sara signs offline; the nurse revokes before the phone reconnects.
    auto sign = phone.mutation(
        lane::critical,
        "delegation.sign",
        {{"delegation_id", pending}, {"self_assessment_confirmed", true}, {"password", "lösenord-för-test"}}
    );
    REQUIRE(
        call(
            "POST",
            "/api/v1/delegations/" + pending + "/revoke",
            R"({"password":"lösenord-för-test","reason":"ny bedömning"})",
            nurse_t
        )
            .status == 200
    );
    auto r = phone.push(lane::critical, {sign});
    REQUIRE(r.status == 200);
    auto const o = result_at(r, 0);
    CHECK(str(o, "status") == "rejected");
    CHECK(str(o, "code") == "delegation_revoked");
    CHECK(o.at("current").at("state").as_string() == "revoked");
    auto const now = json_of(call("GET", "/api/v1/delegations/" + pending, "", nurse_t));
    CHECK(text(now, "state") == "revoked");
}

TEST_CASE_METHOD(
    sync_fixture, "a stale version is a conflict that returns what the server has (34)", "[http][sync]"
)
{
    auto const pending = delegate(sara, "");
    auto phone = sync_fixture::phone(sara_t);
    auto r = phone.push(
        lane::critical,
        {phone.mutation(
            lane::critical,
            "delegation.sign",
            {{"delegation_id", pending},
             {"expected_version", 1},
             {"self_assessment_confirmed", true},
             {"password", "lösenord-för-test"}}
        )}
    );
    auto const o = result_at(r, 0);
    CHECK(str(o, "code") == "conflict");
    CHECK(o.at("current").at("version").as_int64() == 2); // drafted, then issued
    CHECK(o.at("current").at("state").as_string() == "awaiting_signatures");
}

TEST_CASE_METHOD(
    sync_fixture,
    "a task performed under a delegation revoked while the phone was offline is stored, flagged and put "
    "before the nurse (24)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    auto const lease = phone.pull_all().front().at("leases").as_array().at(0).as_object();
    auto const before = clock.now();
    clock.advance(5 * 60 * 1000);
    REQUIRE(
        call(
            "POST",
            "/api/v1/delegations/" + delegation + "/revoke",
            R"({"password":"lösenord-för-test","reason":"avvikelse"})",
            nurse_t
        )
            .status == 200
    );
    clock.advance(5 * 60 * 1000);
    auto record = [&](core::millis at, boost::json::object const& held) {
        return phone.mutation(
            lane::critical,
            "task.record_performed",
            {{"record_id", core::new_uuid_v7(at)},
             {"delegation_id", delegation},
             {"task_id", task},
             {"unit_id", home},
             {"occurred_at_ms", at},
             {"lease",
              {{"version", held.at("version")},
               {"expires_at_ms", held.at("expires_at_ms")},
               {"sig", held.at("sig")}}}}
        );
    };
    auto forged = lease;
    forged["expires_at_ms"] = lease.at("expires_at_ms").as_int64() + 86'400'000;
    auto r = phone.push(
        lane::critical,
        {record(before + 60'000, lease),
         record(clock.now() - 60'000, lease),
         record(before + 120'000, forged)}
    );
    REQUIRE(r.status == 200);
    auto flags = [&](std::size_t i) {
        std::vector<std::string> out;
        auto const o = result_at(r, i);
        for (auto const& f : o.at("effects").as_array()[0].at("flags").as_array())
            out.emplace_back(f.as_string());
        return out;
    };
    CHECK(str(result_at(r, 0), "status") == "applied");
    CHECK(flags(0).empty()); // performed under a valid lease before the revocation
    CHECK(flags(1) == std::vector<std::string>{"performed_after_revocation"});
    CHECK(
        flags(2) == std::vector<std::string>{"lease_expired"}
    ); // a lease we did not sign counts for nothing
    CHECK(count("select count(*) from task_record") == 3);
    auto const notices = json_of(call("GET", "/api/v1/me/notifications", "", nurse_t)).at("items").as_array();
    auto flagged = std::count_if(notices.begin(), notices.end(), [](auto const& n) {
        return n.at("kind").as_string() == "delegation.task_record_flagged";
    });
    CHECK(flagged == 2);
    phone.pull_all();
    CHECK(phone.of_type("task_record").size() == 3);
}

TEST_CASE_METHOD(
    sync_fixture,
    "after churn one sync brings the phone to the server's view: entering, changing and leaving scope (16, "
    "25, 26)",
    "[http][sync]"
)
{
    // A rule puts hygiene training on everyone in home care.
    auto const hygiene = text(
        json_of(
            call("POST", "/api/v1/courses", R"({"code":"HYG","title":"Hygien","kind":"e_learning"})", hr_a)
        ),
        "id"
    );
    auto const rule = text(
        json_of(call(
            "POST",
            "/api/v1/requirement-rules",
            R"({"course_id":")" + hygiene +
                R"(","scope_kind":"unit_kind","scope_value":"home_care","due_days":30})",
            hr_a
        )),
        "id"
    );
    auto manager = sync_fixture::phone(boss_t);
    manager.pull_all();
    auto const team_before = manager.of_type("team_status").size();
    auto phone = sync_fixture::phone(sara_t);
    phone.pull_all();
    REQUIRE(phone.of_type("assignment").size() == 2);
    std::string assignment;
    for (auto const& a : phone.of_type("assignment"))
        if (a.at("course_id").as_string() == hygiene)
            assignment = str(a, "id");

    // While both are offline: a new colleague joins the unit, the rule is withdrawn, and the delegation
    // is revoked.
    auto const newcomer = person(hr_a, "Nyanställd", home);
    REQUIRE(
        call(
            "POST",
            "/api/v1/assignments",
            R"({"employee_ids":[")" + newcomer + R"("],"course_id":")" + course +
                R"(","due_date":"2026-12-31"})",
            boss_t
        )
            .status == 201
    );
    REQUIRE(call("POST", "/api/v1/requirement-rules/" + rule + "/deactivate", "", hr_a).status == 200);
    REQUIRE(
        call(
            "POST",
            "/api/v1/delegations/" + delegation + "/revoke",
            R"({"password":"lösenord-för-test","reason":"x"})",
            nurse_t
        )
            .status == 200
    );
    // A pending acknowledgement of the cancelled assignment comes back refused, not dropped (25).
    auto ack = phone.push(
        lane::normal,
        {phone.mutation(lane::normal, "assignment.acknowledge", {{"assignment_id", assignment}})}
    );
    CHECK(str(result_at(ack, 0), "status") == "rejected");
    CHECK(str(result_at(ack, 0), "code") == "not_found");

    phone.pull_all();
    manager.pull_all();
    CHECK(phone.local_digest() == phone.last_digest);
    CHECK(manager.local_digest() == manager.last_digest);
    CHECK(phone.of_type("assignment").size() == 1); // the withdrawn one is physically gone
    CHECK(phone.of_type("delegation").at(0).at("state").as_string() == "revoked");
    CHECK(manager.of_type("team_status").size() != team_before); // the newcomer came, the rule went (26)
    CHECK(manager.rows.contains({"team_status", newcomer + ":" + course}));
    CHECK_FALSE(manager.rows.contains({"team_status", sara + ":" + hygiene}));
    auto const people = manager.of_type("person");
    CHECK(std::any_of(people.begin(), people.end(), [&](auto const& p) {
        return p.at("id").as_string() == newcomer;
    }));
}

TEST_CASE_METHOD(
    sync_fixture,
    "a tampered, foreign or forgotten cookie resets the phone to exactly its own view (17, 29, 46)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    phone.pull_all();
    auto const own = phone.versions;
    auto ida_phone = sync_fixture::phone(ida_t);
    ida_phone.pull_all();

    for (auto const& bad :
         {phone.cookie.substr(0, phone.cookie.size() - 2) + "00",
          ida_phone.cookie,
          std::string("v1.e30.abc")})
    {
        phone.cookie = bad;
        phone.saw_clear = false;
        phone.pull_all();
        CHECK(phone.saw_clear);
        CHECK(phone.versions == own); // nothing of Ida's, nothing lost
        phone.saw_clear = false;
        CHECK(phone.pull().json().at("patch").as_array().empty()); // no second reset (46)
        CHECK_FALSE(phone.saw_clear);
    }
    // A record garbage-collected on the server: same path.
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        uow.sql() << "delete from sync_cvr";
        uow.commit();
    }
    phone.pull_all();
    CHECK(phone.saw_clear);
    CHECK(phone.versions == own);
    CHECK(count("select resets from sync_device_state where device_id = '" + phone.id() + "'") >= 5);
}

TEST_CASE_METHOD(
    sync_fixture,
    "after a restore from backup the phone resets and its re-pushed writes take effect once (18)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    boost::json::object args{{"attempt_id", core::new_uuid_v7(7)}, {"module_id", quiz}, {"answers", {1}}};
    auto m = phone.mutation(lane::normal, "attempt.submit", args);
    REQUIRE(phone.push(lane::normal, {m}).status == 200);
    phone.pull_all();
    // The restore: the ledger forgot the mutation, the epoch moves on.
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        uow.sql() << "delete from sync_mutation";
        uow.sql() << "update sync_lane set last_seq = 0";
        uow.commit();
    }
    storage::sync_backend_impl backend{*db, "test"};
    auto const epoch = sync::sync_service{backend, clock, svc.sync}.bump_epoch();
    auto hello = phone.hello().json();
    CHECK(hello.at("sync_epoch").as_int64() == epoch);
    CHECK(hello.at("lanes").at("normal").at("last_seq").as_int64() == 0); // lower than the phone's 1
    phone.saw_clear = false;
    phone.pull_all();
    CHECK(phone.saw_clear);
    // The phone re-pushes its acknowledged journal with the same ids.
    phone.next_seq[1] = 1;
    auto again = phone.push(lane::normal, {phone.mutation(lane::normal, "attempt.submit", args)});
    CHECK(result_at(again, 0).at("duplicate_entity").as_bool());
    CHECK(count("select count(*) from quiz_attempt") == 1);
}

TEST_CASE_METHOD(sync_fixture, "a device answers only to its own account (27, 28)", "[http][sync]")
{
    auto phone = sync_fixture::phone(sara_t);
    phone.pull_all();
    // Ida logs in on Sara's phone with her own token but the phone's old device id.
    auto shared = sync_device{router_transport(), ida_t, phone.id()};
    auto r = shared.pull();
    CHECK(r.status == 403);
    CHECK(str(r.json(), "code") == "device_user_mismatch");
    CHECK(r.header("cache-control") == "no-store, private");
    auto p = shared.push(
        lane::normal, {shared.mutation(lane::normal, "module.complete", {{"module_id", reading}})}
    );
    CHECK(p.status == 403);
    CHECK(count("select count(*) from module_progress") == 0);
    // An unknown device is told at hello, and refused at push.
    auto stranger = sync_device{router_transport(), ida_t, core::new_uuid_v7(1)};
    CHECK(stranger.hello().json().at("device_status").as_string() == "unknown_device");
    CHECK(str(stranger.pull().json(), "code") == "unknown_device");
    // A device reported lost must wipe.
    REQUIRE(call("POST", "/api/v1/devices/" + phone.id() + "/wipe", "", sara_t).status == 200);
    CHECK(phone.hello().json().at("device_status").as_string() == "wipe_required");
    CHECK(phone.pull().status == 410);
}

TEST_CASE_METHOD(
    sync_fixture,
    "pages stay within the limits asked for, delegations in the first, and resume where they stopped (47)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    // 120 notifications for Sara.
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        for (int i = 0; i < 120; ++i)
        {
            core::notification n;
            n.id = core::new_uuid_v7(clock.now() + i);
            n.organisation_id = org_a;
            n.recipient_id = sara;
            n.kind = "training.due_14";
            n.subject_type = "course";
            n.subject_id = course;
            n.about_employee_id = sara;
            n.dedupe_key = "test:" + std::to_string(i);
            n.created_at = clock.now() + i;
            uow.notifications().insert_if_new(n);
        }
        uow.commit();
    }
    auto const pages = phone.pull_all(50);
    REQUIRE(pages.size() >= 2);
    for (auto const& p : pages)
        CHECK(p.at("patch").as_array().size() <= 51); // 50 operations, and the reset marker on the first
    CHECK(str(pages[0].at("patch").as_array()[1], "type") == "delegation");
    CHECK_FALSE(pages[0].contains("digest")); // only the last page of a diff carries it
    CHECK(phone.local_digest() == phone.last_digest);
    CHECK(phone.of_type("notification").size() == 50); // the newest 50

    // Byte limit: pages of at most 16 KiB of row data.
    auto small = sync_fixture::phone(sara_t);
    for (int i = 0; i < 100; ++i)
    {
        auto r = small.pull(1000, 16 * 1024);
        CHECK(r.body.size() < 16 * 1024 + 4096); // the envelope: cookie, lanes, leases
        if (!r.json().at("has_more").as_bool())
            break;
    }
    CHECK(small.versions == phone.versions);
}

TEST_CASE_METHOD(
    sync_fixture, "a change committed late by a concurrent transaction is never skipped", "[http][sync]"
)
{
    auto phone = sync_fixture::phone(ida_t);
    phone.pull_all();
    auto const before = phone.versions.size();
    std::string late_course;
    {
        // A writer starts, writes, and has not committed when the phone pulls.
        storage::unit_of_work writer{*db, storage::access_mode::write};
        core::training_service training{
            writer.directory(), writer.training(), writer.audit(), writer.notifications(), clock};
        core::principal hr{"hr", org_a, std::nullopt, static_cast<unsigned>(core::role::hr), std::nullopt};
        core::course c;
        c.code = "SEN";
        c.title = "Sent";
        c.kind = "classroom";
        core::course_version v;
        late_course = training.create_course(hr, c, v).value().id;
        core::principal manager{"m", org_a, boss, core::role::manager | core::role::staff, std::nullopt};
        REQUIRE(training.assign(manager, {ida}, late_course, "2027-01-31", "").has_value());
        if (db->kind() == storage::backend::postgresql)
        {
            auto r = phone.pull();
            REQUIRE(r.status == 200);
            CHECK(phone.versions.size() == before); // not visible yet
        }
        writer.commit();
    }
    phone.pull_all();
    auto const assignments = phone.of_type("assignment");
    CHECK(std::any_of(assignments.begin(), assignments.end(), [&](auto const& a) {
        return a.at("course_id").as_string() == late_course;
    }));
    CHECK(phone.local_digest() == phone.last_digest);
}

TEST_CASE_METHOD(
    sync_fixture,
    "a phone that migrated its local table gets that type in full again and nothing else",
    "[http][sync]"
)
{
    auto d = sync_fixture::phone(sara_t);
    d.pull_all();
    auto const requirements = d.of_type("requirement").size();
    REQUIRE(requirements > 0);
    REQUIRE_FALSE(d.of_type("delegation").empty());

    auto count_puts = [](std::vector<boost::json::object> const& pages, std::string const& type) {
        std::size_t n = 0, other = 0;
        for (auto const& page : pages)
            for (auto const& op : page.at("patch").as_array())
                if (op.at("op").as_string() == "put")
                    (op.at("type").as_string() == type ? n : other) += 1;
        return std::pair{n, other};
    };
    // Nothing changed: an ordinary pull sends nothing.
    CHECK(count_puts(d.pull_all(), "requirement") == std::pair<std::size_t, std::size_t>{0, 0});
    // After a local migration of the requirement table: all of them again, no other type.
    d.refresh_types = {"requirement"};
    CHECK(count_puts(d.pull_all(), "requirement") == std::pair<std::size_t, std::size_t>{requirements, 0});
    d.refresh_types.clear();
    CHECK(count_puts(d.pull_all(), "requirement") == std::pair<std::size_t, std::size_t>{0, 0});
    CHECK(d.local_digest() == d.last_digest);
}

TEST_CASE_METHOD(
    sync_fixture,
    "the server's clock stepping back an hour (NTP) loses no change: ord, cookies and lanes stay monotonic "
    "(37)",
    "[http][sync]"
)
{
    auto phone = sync_fixture::phone(sara_t);
    phone.pull_all();
    auto const ord_before = phone.last_ord;
    auto const cookie_before = phone.cookie;
    phone.saw_clear = false; // the first pull was a reset; the next must not be
    clock.advance(-3'600'000);
    auto pushed = phone.push(
        lane::normal,
        {phone.mutation(
            lane::normal,
            "progress.record",
            {{"event_id", core::new_uuid_v7(clock.now())}, {"module_id", reading}, {"position", 40}}
        )}
    );
    REQUIRE(pushed.status == 200);
    CHECK(pushed.json().at("last_seq").as_int64() == 1);
    auto pages = phone.pull_all();
    CHECK_FALSE(phone.saw_clear); // the cookie made before the step is still the server's
    CHECK(phone.last_ord > ord_before);
    CHECK(phone.cookie != cookie_before);
    auto const progress = phone.of_type("progress");
    REQUIRE(progress.size() == 1);
    CHECK(progress[0].at("position").as_int64() == 40); // the change made "an hour earlier" is there
    CHECK(phone.local_digest() == phone.last_digest);
}
