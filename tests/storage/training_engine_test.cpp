#include "server/app/sweeper.hpp"
#include "server/core/auth_service.hpp"
#include "server/core/training_service.hpp"
#include "tests/storage/storage_fixture.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>

using namespace kompetens;
using test::storage_fixture;

namespace {

constexpr long long day_ms = 24LL * 3600 * 1000;

struct training_fixture : storage_fixture
{
    std::string org = make_org("Partille kommun");
    std::string home = make_unit(org, "Hemtjänst Öster");
    std::string residential = residential_unit();
    core::principal hr{"hr-acc", org, std::nullopt, static_cast<unsigned>(core::role::hr), std::nullopt};

    std::string residential_unit()
    {
        return write([&](auto& s) {
                   return s.create_unit(
                       hr_of(org), core::unit{"", "", std::nullopt, "Solgården", "residential", 0, 1}
                   );
               })
            .value()
            .id;
    }

    template <class F> auto train(F&& f)
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::training_service svc{uow.directory(), uow.training(), uow.audit(), uow.notifications(), clock};
        auto r = f(svc);
        uow.commit();
        return r;
    }

    std::string course(std::string code, std::optional<int> months = 12)
    {
        core::course c{"", "", code, "Kurs " + code, "classroom", "Internt", "", "draft", 0, 1};
        core::course_version v;
        v.validity_months = months;
        return train([&](auto& s) { return s.create_course(hr, c, v); }).value().id;
    }

    std::string rule(std::string const& course_id, std::string kind, std::string value, int due = 30)
    {
        core::requirement_rule r;
        r.course_id = course_id;
        r.scope_kind = std::move(kind);
        r.scope_value = std::move(value);
        r.due_days = due;
        return train([&](auto& s) { return s.create_rule(hr, r); }).value().id;
    }

    std::pair<std::string, std::string> hire(
        std::string const& given,
        std::string const& unit,
        std::string profession = "assistant_nurse",
        std::string start = "2026-11-01"
    )
    {
        auto const emp = make_employee(org, given);
        core::employment job;
        job.employee_id = emp;
        job.profession = std::move(profession);
        job.form = "permanent";
        job.start_date = std::move(start);
        job.unit_ids = {unit};
        auto made = write([&](auto& s) { return s.create_employment(hr_of(org), job); }).value();
        recompute(emp); // what the employment routes do in the same transaction
        return {emp, made.id};
    }

    void recompute(std::string const& emp)
    {
        train([&](auto& s) {
            s.recompute_person(org, emp);
            return true;
        });
    }

    std::vector<core::requirement_status> statuses(std::string const& emp)
    {
        storage::unit_of_work uow{*db, storage::access_mode::read};
        return uow.training().statuses_of(org, emp);
    }

    std::optional<core::requirement_status> status(std::string const& emp, std::string const& course_id)
    {
        for (auto const& s : statuses(emp))
            if (s.course_id == course_id)
                return s;
        return std::nullopt;
    }

    // Every row of the engine's tables, as text: equal snapshots mean the engine changed nothing.
    std::string snapshot()
    {
        storage::unit_of_work uow{*db, storage::access_mode::read};
        std::string out;
        for (auto const* q :
             {"select id || '|' || course_id || '|' || due_date || '|' || coalesce(cast(cancelled_at as "
              "text), '-') from assignment order by id",
              "select employee_id || '|' || course_id || '|' || state || '|' || coalesce(due_date, '-') || "
              "'|' || coalesce(valid_until, '-') from requirement_status order by 1",
              "select recipient_id || '|' || dedupe_key from notification order by 1",
              "select cast(count(*) as text) from audit_event"})
        {
            soci::rowset<std::string> rows = (uow.sql().prepare << q);
            for (auto const& r : rows)
                out += r + "\n";
        }
        return out;
    }

    /** Gives the person a manager account, as the seed and the admin API do. */
    void make_manager(std::string const& emp)
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::auth_service auth{uow.accounts(), uow.audit(), clock};
        core::account a;
        a.organisation_id = org;
        a.employee_id = emp;
        a.username = "chef-" + emp.substr(emp.size() - 6);
        a.roles = static_cast<unsigned>(core::role::manager);
        auth.create_account(a, "ett långt lösenord").value();
        uow.commit();
    }

    /** "kind" per notification of the recipient, oldest first. */
    std::vector<std::string> notifications_of(std::string const& emp)
    {
        storage::unit_of_work uow{*db, storage::access_mode::read};
        std::vector<std::string> out;
        for (auto const& n : uow.notifications().for_recipient(org, emp, 100))
            out.insert(out.begin(), n.kind);
        return out;
    }

    int cancelled_count()
    {
        storage::unit_of_work uow{*db, storage::access_mode::read};
        int n = 0;
        uow.sql() << "select count(*) from assignment where cancelled_at is not null", soci::into(n);
        return n;
    }
};

} // namespace

TEST_CASE_METHOD(
    training_fixture,
    "a new rule reaches existing staff, due N days after their start or the rule",
    "[storage][training]"
)
{
    auto const [anna, _] = hire("Anna", home, "assistant_nurse", "2020-05-01");
    auto const hygiene = course("BASAL-HYGIEN");
    rule(hygiene, "unit_kind", "home_care", 30);
    auto s = status(anna, hygiene);
    REQUIRE(s);
    CHECK(s->state == core::requirement_state::assigned);
    // Anna started long before the rule: the clock runs from the rule's day (2026-11-23).
    CHECK(s->due_date == "2026-12-23");

    auto const [bo, __] = hire("Bo", residential, "assistant_nurse", "2026-12-01");
    CHECK_FALSE(status(bo, hygiene)); // a home-care rule; Bo works in residential care
}

TEST_CASE_METHOD(training_fixture, "running the engine twice changes nothing", "[storage][training]")
{
    auto const hlr = course("HLR");
    auto const fire = course("BRAND");
    rule(hlr, "organisation", "");
    rule(fire, "profession", "assistant_nurse", 60);
    for (int i = 0; i < 5; ++i)
        hire(
            "P" + std::to_string(i), i % 2 ? home : residential, i % 3 ? "assistant_nurse" : "care_assistant"
        );
    auto const before = snapshot();
    train([&](auto& s) {
        s.recompute_organisation(org);
        return true;
    });
    train([&](auto& s) {
        s.recompute_organisation(org);
        return true;
    });
    CHECK(snapshot() == before);
}

TEST_CASE_METHOD(
    training_fixture, "every trigger: hire, transfer, profession change, rule change", "[storage][training]"
)
{
    auto const home_course = course("HEMTJANST-INTRO");
    auto const med = course("LAKEMEDEL");
    rule(home_course, "unit", home);
    auto const med_rule = rule(med, "profession", "assistant_nurse");

    SECTION("hire")
    {
        auto const [p, _] = hire("Hilda", home, "care_assistant");
        CHECK(status(p, home_course));
        CHECK_FALSE(status(p, med));
    }
    SECTION("transfer to another unit cancels what no longer applies, and keeps its history")
    {
        auto const [p, job] = hire("Tove", home, "care_assistant");
        REQUIRE(status(p, home_course));
        core::employment_patch move;
        move.unit_ids = std::vector<std::string>{residential};
        REQUIRE(write([&](auto& s) { return s.update_employment(hr_of(org), job, move, 1); }));
        recompute(p);
        CHECK_FALSE(status(p, home_course));
        CHECK(cancelled_count() == 1);
    }
    SECTION("profession change")
    {
        auto const [p, job] = hire("Paula", home, "care_assistant");
        CHECK_FALSE(status(p, med));
        core::employment_patch promote;
        promote.profession = "assistant_nurse";
        REQUIRE(write([&](auto& s) { return s.update_employment(hr_of(org), job, promote, 1); }));
        recompute(p);
        CHECK(status(p, med));
    }
    SECTION("rule deactivated, then an employment that ended")
    {
        auto const [p, job] = hire("Rut", home, "assistant_nurse");
        REQUIRE(status(p, med));
        REQUIRE(train([&](auto& s) { return s.deactivate_rule(hr, med_rule); }));
        CHECK_FALSE(status(p, med));
        core::employment_patch end;
        end.end_date = std::optional<std::string>{"2026-11-22"};
        REQUIRE(write([&](auto& s) { return s.update_employment(hr_of(org), job, end, 1); }));
        recompute(p);
        CHECK(statuses(p).empty());
        CHECK(cancelled_count() == 2);
    }
}

TEST_CASE_METHOD(training_fixture, "completion, self-report, attestation and expiry", "[storage][training]")
{
    auto const hlr = course("HLR", 12);
    rule(hlr, "organisation", "");
    auto const [p, _] = hire("Sofia", home);
    core::principal sofia{"sofia-acc", org, p, static_cast<unsigned>(core::role::staff), std::nullopt};

    core::training_record own;
    own.employee_id = p;
    own.course_id = hlr;
    own.completed_on = "2026-11-20";
    auto reported = train([&](auto& s) { return s.record_completion(sofia, own); });
    REQUIRE(reported);
    CHECK_FALSE(reported->attested);
    CHECK(reported->source == "self_report");
    CHECK(status(p, hlr)->state == core::requirement_state::completed_unattested);
    CHECK(
        train([&](auto& s) { return s.attest(sofia, reported->id); }).error().code == core::errc::forbidden
    );

    REQUIRE(train([&](auto& s) { return s.attest(hr, reported->id); }));
    CHECK(status(p, hlr)->state == core::requirement_state::valid);
    CHECK(status(p, hlr)->valid_until == "2027-11-19");

    clock.advance(340 * day_ms); // 2027-10-29: inside the 30-day window
    recompute(p);
    CHECK(status(p, hlr)->state == core::requirement_state::expiring);
    clock.advance(30 * day_ms); // 2027-11-28
    recompute(p);
    CHECK(status(p, hlr)->state == core::requirement_state::expired);

    // A new cycle is a new record: the old one stays.
    core::training_record again = own;
    again.completed_on = "2027-11-28";
    REQUIRE(train([&](auto& s) { return s.record_completion(hr, again); }));
    CHECK(status(p, hlr)->state == core::requirement_state::valid);
    storage::unit_of_work uow{*db, storage::access_mode::read};
    CHECK(uow.training().records_of(org, p).size() == 2);
}

TEST_CASE_METHOD(
    training_fixture,
    "a new course version does not invalidate records completed under the old one",
    "[storage][training]"
)
{
    auto const fire = course("BRAND", 24);
    rule(fire, "organisation", "");
    auto const [p, _] = hire("Vera", home);
    core::training_record r;
    r.employee_id = p;
    r.course_id = fire;
    r.completed_on = "2026-06-01";
    REQUIRE(train([&](auto& s) { return s.record_completion(hr, r); }));
    CHECK(status(p, fire)->valid_until == "2028-05-31");

    core::course_version stricter;
    stricter.validity_months = 6; // under this version, June's training would already have lapsed
    auto v2 = train([&](auto& s) { return s.publish_version(hr, fire, stricter); });
    REQUIRE(v2);
    CHECK(v2->number == 2);
    CHECK(status(p, fire)->state == core::requirement_state::valid);
    CHECK(status(p, fire)->valid_until == "2028-05-31");

    core::training_record later = r;
    later.completed_on = "2026-11-23";
    REQUIRE(train([&](auto& s) { return s.record_completion(hr, later); }));
    CHECK(status(p, fire)->valid_until == "2027-05-22"); // the new version governs new completions
}

TEST_CASE_METHOD(training_fixture, "manager assignments, exemptions and the views", "[storage][training]")
{
    auto const lift = course("FORFLYTTNING", 36);
    auto const [boss, _] = hire("Chef", home, "unit_manager");
    auto const [p, __] = hire("Lina", home);
    auto const [other, ___] = hire("Olle", residential);
    core::principal manager{"mgr", org, boss, core::role::manager | core::role::staff, std::nullopt};

    auto made = train([&](auto& s) { return s.assign(manager, {p}, lift, "2026-12-31", "före vintern"); });
    REQUIRE(made);
    REQUIRE(made->size() == 1);
    CHECK(status(p, lift)->due_date == "2026-12-31");
    // Not for someone outside the manager's units, and never twice.
    CHECK(
        train([&](auto& s) { return s.assign(manager, {other}, lift, "2026-12-31", ""); }).error().field ==
        "/employee_ids/0"
    );
    CHECK(train([&](auto& s) { return s.assign(manager, {p}, lift, "2027-01-31", ""); })->empty());

    core::exemption e;
    e.employee_id = p;
    e.course_id = lift;
    e.reason = "medicinska skäl";
    e.until = "2027-03-31";
    REQUIRE(train([&](auto& s) { return s.exempt(manager, e); }));
    CHECK(status(p, lift)->state == core::requirement_state::exempted);

    auto matrix = train([&](auto& s) { return s.unit_matrix(manager, home); });
    REQUIRE(matrix);
    CHECK(matrix->size() == 1);
    CHECK(
        train([&](auto& s) { return s.unit_matrix(manager, residential); }).error().code ==
        core::errc::forbidden
    );
    core::principal lina{"lina", org, p, static_cast<unsigned>(core::role::staff), std::nullopt};
    auto mine = train([&](auto& s) { return s.my_training(lina); });
    REQUIRE(mine);
    REQUIRE(mine->size() == 1);
    CHECK(mine->front().what.code == "FORFLYTTNING");
}

TEST_CASE_METHOD(
    training_fixture, "a test below the passing score is not a completion", "[storage][training]"
)
{
    core::course c{
        "", "", "LAKEMEDEL-TEST", "Läkemedelstest", "exam", "MAS", "HSLF-FS 2017:37", "draft", 0, 1};
    core::course_version v;
    v.validity_months = 12;
    v.passing_score = 80;
    v.evidence_type = "test";
    auto const id = train([&](auto& s) { return s.create_course(hr, c, v); }).value().id;
    auto const [p, _] = hire("Mira", home);
    core::training_record r;
    r.employee_id = p;
    r.course_id = id;
    r.completed_on = "2026-11-20";
    r.score = 79;
    CHECK(train([&](auto& s) { return s.record_completion(hr, r); }).error().field == "/score");
    r.score = 80;
    CHECK(train([&](auto& s) { return s.record_completion(hr, r); }));
}

TEST_CASE_METHOD(
    training_fixture,
    "reminders at 30, 14 and 3 days and when overdue reach the person once, and their manager when it is "
    "urgent",
    "[storage][training][notifications]"
)
{
    auto const [anna, _a] = hire("Anna", home, "assistant_nurse", "2020-05-01");
    auto const [maria, _m] = hire("Maria", home, "unit_manager", "2019-01-01");
    auto const [olle, _o] = hire("Olle", residential, "unit_manager", "2019-01-01");
    make_manager(maria);
    make_manager(olle); // manages another unit: never hears about Anna
    auto const cpr = course("HLR");
    rule(cpr, "profession", "assistant_nurse", 30); // due 2026-12-23, 30 days from today

    CHECK(notifications_of(anna) == std::vector<std::string>{"training.due_30"});
    CHECK(notifications_of(maria).empty());

    auto const days = [&](int n) {
        clock.advance(n * day_ms);
        for (auto const& e : {anna, maria, olle})
            recompute(e);
    };
    days(20); // 2026-12-13: 10 days left
    CHECK(notifications_of(anna) == std::vector<std::string>{"training.due_30", "training.due_14"});
    CHECK(notifications_of(maria).empty());
    days(1); // 9 days left: still the 14-day reminder, not a second one
    CHECK(notifications_of(anna).size() == 2);
    days(7); // 2026-12-21: 2 days left
    CHECK(notifications_of(anna).back() == "training.due_3");
    CHECK(notifications_of(maria) == std::vector<std::string>{"training.due_3"});
    days(3); // 2026-12-24: overdue
    CHECK(notifications_of(anna).back() == "training.overdue");
    CHECK(notifications_of(maria) == std::vector<std::string>{"training.due_3", "training.overdue"});
    days(5);
    CHECK(notifications_of(anna).size() == 4);
    CHECK(notifications_of(olle).empty());
}

TEST_CASE_METHOD(
    training_fixture,
    "the periodic pass moves statuses along as days pass, with no request to trigger it",
    "[storage][training][notifications]"
)
{
    auto const [anna, _a] = hire("Anna", home, "assistant_nurse", "2020-05-01");
    auto const cpr = course("HLR", 12);
    rule(cpr, "profession", "assistant_nurse", 30);
    train([&](auto& s) {
        core::training_record r;
        r.employee_id = anna;
        r.course_id = cpr;
        r.completed_on = "2025-12-01"; // valid through 2026-11-30
        return s.record_completion(hr, r);
    }).value();
    REQUIRE(status(anna, cpr)->state == core::requirement_state::expiring);

    app::sweeper background{*db, clock, app::sweeper_settings{}};
    clock.advance(10 * day_ms); // 2026-12-03: nobody has touched Anna's requirement since
    CHECK(status(anna, cpr)->state == core::requirement_state::expiring); // the stored row is stale
    CHECK(background.sweep_once() >= 1);
    CHECK(status(anna, cpr)->state == core::requirement_state::expired);
    CHECK(notifications_of(anna).back() == "training.expired");
    auto const before = snapshot();
    background.sweep_once();
    CHECK(snapshot() == before); // a second pass on the same day changes nothing
}
