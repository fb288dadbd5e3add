// Delegations against a real database: the lifecycle, every rule of DOMAIN.md with its own test, the
// history query on a hand-computed scenario, and a randomised test of `may_perform` over sequences of
// issue, sign, revoke, expire, terminate and renew.
#include "server/app/sweeper.hpp"
#include "server/core/calendar.hpp"
#include "server/core/delegation_service.hpp"
#include "server/core/training_service.hpp"
#include "tests/storage/storage_fixture.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace kompetens;
using core::delegation_state;
using core::errc;
using test::storage_fixture;

namespace {

constexpr long long day_ms = 24LL * 3600 * 1000;

struct delegation_fixture : storage_fixture
{
    std::string org = make_org("Partille kommun");
    std::string home = make_unit(org, "Hemtjänst Öster");
    std::string other = make_unit(org, "Hemtjänst Väster");
    std::string nora = hire("Nora", home, "registered_nurse", "2020-01-01");
    std::string sara = hire("Sara", home, "assistant_nurse", "2025-01-01");
    std::string nils = hire("Nils", home, "assistant_nurse", "2026-11-20"); // new: 3 days in the unit
    core::principal nurse{"nurse-acc", org, nora, core::role::delegator | core::role::staff, std::nullopt};
    core::principal sara_p{"sara-acc", org, sara, static_cast<unsigned>(core::role::staff), std::nullopt};
    core::principal nils_p{"nils-acc", org, nils, static_cast<unsigned>(core::role::staff), std::nullopt};
    core::principal mas{
        "mas-acc", org, std::nullopt, core::role::medical_lead | core::role::admin, std::nullopt};
    std::string med_course = course("LAKEMEDEL");
    std::string med = task("MED-DOS", "medication", {{med_course, 12}}, {}, 0);
    std::string insulin = task("INSULIN", "insulin", {{med_course, 12}}, {med}, 14);
    std::string wound = task("SAR", "wound_care", {}, {}, 0);

    std::string
    hire(std::string const& given, std::string const& unit, std::string profession, std::string start)
    {
        auto const emp = make_employee(org, given);
        core::employment job;
        job.employee_id = emp;
        job.profession = std::move(profession);
        job.form = "permanent";
        job.start_date = std::move(start);
        job.unit_ids = {unit};
        write([&](auto& s) { return s.create_employment(hr_of(org), job); }).value();
        if (given == "Nora")
        {
            core::legitimation l;
            l.employee_id = emp;
            l.profession = "registered_nurse";
            l.registry_ref = "SE-123456";
            l.verified_on = "2026-01-10";
            write([&](auto& s) { return s.record_legitimation(hr_of(org), l); }).value();
        }
        return emp;
    }

    template <class F> auto train(F&& f)
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::training_service svc{uow.directory(), uow.training(), uow.audit(), uow.notifications(), clock};
        auto r = f(svc);
        uow.commit();
        return r;
    }

    std::string course(std::string code)
    {
        core::course c{"", "", code, "Läkemedelshantering", "exam", "Internt", "", "draft", 0, 1};
        core::course_version v;
        v.validity_months = 12;
        return train([&](auto& s) { return s.create_course(hr_of(org), c, v); }).value().id;
    }

    void completed(std::string const& emp, std::string const& on)
    {
        train([&](auto& s) {
            core::training_record r;
            r.employee_id = emp;
            r.course_id = med_course;
            r.completed_on = on;
            return s.record_completion(hr_of(org), r);
        }).value();
    }

    template <class F> auto act(F&& f)
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::delegation_service svc{
            uow.directory(),
            uow.training(),
            uow.delegations(),
            uow.accounts(),
            uow.audit(),
            uow.notifications(),
            clock};
        auto r = f(svc);
        if (r)
            uow.commit();
        return r;
    }

    std::string task(
        std::string code,
        std::string category,
        std::vector<core::course_prerequisite> courses,
        std::vector<std::string> tasks,
        int min_days
    )
    {
        core::delegation_task t;
        t.code = code;
        t.name = "Uppgift " + code;
        t.category = std::move(category);
        t.delegator_professions = {"registered_nurse"};
        t.prerequisite_courses = std::move(courses);
        t.prerequisite_tasks = std::move(tasks);
        t.min_days_in_unit = min_days;
        t.allowed_scopes = {"unit", "area", "patient"};
        return act([&](auto& s) { return s.create_task(mas, t); }).value().id;
    }

    core::signature now_signed() const { return core::signature{"password", clock.now()}; }

    core::delegation_decision draft_for(
        std::string const& who,
        std::vector<std::string> tasks,
        std::string from = "2026-11-23",
        std::string to = "2027-05-31",
        std::string unit = {}
    )
    {
        core::delegation_decision d;
        d.delegate_id = who;
        d.task_ids = std::move(tasks);
        d.unit_ids = {unit.empty() ? home : unit};
        d.valid_from = std::move(from);
        d.valid_to = std::move(to);
        return d;
    }

    core::result<core::delegation_decision>
    delegate(core::principal const& recipient, core::delegation_decision d)
    {
        auto made = act([&](auto& s) { return s.create_draft(nurse, d); });
        if (!made)
            return made;
        auto issued = act([&](auto& s) { return s.issue(nurse, made->id, now_signed()); });
        if (!issued)
            return issued;
        return act([&](auto& s) { return s.sign(recipient, made->id, true, now_signed()); });
    }

    bool may(std::string const& who, std::string const& t, std::string const& unit, core::millis at)
    {
        return act([&](auto& s) { return s.check(mas, who, t, unit, std::nullopt, at); }).value().allowed;
    }

    static core::millis instant(int y, unsigned m, unsigned d, int h = 12, int min = 0)
    {
        using namespace std::chrono;
        auto const t = sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
        return duration_cast<milliseconds>(t.time_since_epoch()).count();
    }
};

} // namespace

TEST_CASE_METHOD(
    delegation_fixture,
    "a nurse delegates medication; both sign; it counts only where and when it covers",
    "[storage][delegation]"
)
{
    completed(sara, "2026-06-01");
    auto active = delegate(sara_p, draft_for(sara, {med}));
    REQUIRE(active);
    CHECK(active->state == delegation_state::active);
    CHECK(active->delegator_signature->method == "password");
    CHECK(active->delegate_signature.has_value());
    CHECK(active->prerequisite_snapshot.find(med_course) != std::string::npos); // the evidence is kept

    CHECK(may(sara, med, home, clock.now()));
    CHECK_FALSE(may(sara, wound, home, clock.now()));               // task not covered
    CHECK_FALSE(may(sara, med, other, clock.now()));                // unit not covered
    CHECK_FALSE(may(nils, med, home, clock.now()));                 // personal: nobody else
    CHECK(may(sara, med, home, instant(2027, 5, 31, 21, 59)));      // 23:59 in summer time
    CHECK_FALSE(may(sara, med, home, instant(2027, 5, 31, 22, 0))); // 00:00 on 1 June in Stockholm

    auto const events = act([&](auto& s) { return s.events(mas, active->id); }).value();
    std::vector<std::string> kinds;
    for (auto const& e : events)
        kinds.push_back(e.kind);
    CHECK(kinds == std::vector<std::string>{"created", "issued", "activated"});
}

TEST_CASE_METHOD(
    delegation_fixture,
    "a decision longer than a year is rejected; a year to the day before is the maximum",
    "[storage][delegation]"
)
{
    completed(sara, "2026-06-01");
    auto too_long = act([&](auto& s) {
        return s.create_draft(nurse, draft_for(sara, {med}, "2026-11-23", "2027-11-23"));
    });
    REQUIRE_FALSE(too_long);
    CHECK(too_long.error().field == "/valid_to");
    CHECK(act([&](auto& s) {
        return s.create_draft(nurse, draft_for(sara, {med}, "2026-11-23", "2027-11-22"));
    }));
}

TEST_CASE_METHOD(
    delegation_fixture, "self-delegation and re-delegation are rejected", "[storage][delegation]"
)
{
    auto self = act([&](auto& s) { return s.create_draft(nurse, draft_for(nora, {med})); });
    REQUIRE_FALSE(self);
    CHECK(self.error().field == "/delegate_id");

    // Sara holds a medication delegation, and even the delegator role, but no legitimation: her authority is
    // a delegation, which can never be passed on.
    completed(sara, "2026-06-01");
    REQUIRE(delegate(sara_p, draft_for(sara, {med})));
    core::principal sara_as_delegator = sara_p;
    sara_as_delegator.roles |= static_cast<unsigned>(core::role::delegator);
    auto re = act([&](auto& s) { return s.create_draft(sara_as_delegator, draft_for(nils, {med})); });
    REQUIRE_FALSE(re);
    CHECK(re.error().code == errc::not_a_delegator);
}

TEST_CASE_METHOD(
    delegation_fixture,
    "insulin without an active medication delegation is rejected with prerequisite_missing",
    "[storage][delegation]"
)
{
    completed(sara, "2026-06-01");
    auto first = delegate(sara_p, draft_for(sara, {insulin}));
    REQUIRE_FALSE(first);
    CHECK(first.error().code == errc::prerequisite_missing);
    CHECK(first.error().detail.find("MED-DOS") != std::string::npos);

    REQUIRE(delegate(sara_p, draft_for(sara, {med})));
    auto second = delegate(sara_p, draft_for(sara, {insulin}));
    REQUIRE(second);
    CHECK(may(sara, insulin, home, clock.now()));
}

TEST_CASE_METHOD(
    delegation_fixture,
    "a nurse cannot delegate insulin to staff new to the unit, nor medication to staff whose medication test "
    "lapsed",
    "[storage][delegation]"
)
{
    completed(sara, "2025-10-01"); // valid through 2026-09-30: lapsed
    auto lapsed = delegate(sara_p, draft_for(sara, {med}));
    REQUIRE_FALSE(lapsed);
    CHECK(lapsed.error().code == errc::prerequisite_missing);

    completed(nils, "2026-11-01");
    REQUIRE(delegate(nils_p, draft_for(nils, {med})));
    auto too_new = delegate(nils_p, draft_for(nils, {insulin}));
    REQUIRE_FALSE(too_new);
    CHECK(too_new.error().detail.find("14 days") != std::string::npos);
}

TEST_CASE_METHOD(
    delegation_fixture,
    "revoking twice is harmless; a revoked decision cannot be signed",
    "[storage][delegation]"
)
{
    completed(sara, "2026-06-01");
    auto d = act([&](auto& s) { return s.create_draft(nurse, draft_for(sara, {med})); }).value();
    REQUIRE(act([&](auto& s) { return s.issue(nurse, d.id, now_signed()); }));
    auto revoked = act([&](auto& s) { return s.revoke(nurse, d.id, "fel mottagare", now_signed()); });
    REQUIRE(revoked);
    CHECK(revoked->state == delegation_state::revoked);
    auto again = act([&](auto& s) { return s.revoke(nurse, d.id, "igen", now_signed()); });
    REQUIRE(again);
    CHECK(again->version == revoked->version); // nothing new happened
    auto sign = act([&](auto& s) { return s.sign(sara_p, d.id, true, now_signed()); });
    REQUIRE_FALSE(sign);
    CHECK(sign.error().code == errc::delegation_revoked);
    CHECK_FALSE(may(sara, med, home, clock.now()));
}

TEST_CASE_METHOD(
    delegation_fixture,
    "issuing and revoking need a password entered within five minutes",
    "[storage][delegation]"
)
{
    completed(sara, "2026-06-01");
    auto d = act([&](auto& s) { return s.create_draft(nurse, draft_for(sara, {med})); }).value();
    auto const stale = core::signature{"password", clock.now() - 6 * 60 * 1000};
    auto issued = act([&](auto& s) { return s.issue(nurse, d.id, stale); });
    REQUIRE_FALSE(issued);
    CHECK(issued.error().code == errc::reauthentication_required);
    REQUIRE(act([&](auto& s) { return s.issue(nurse, d.id, now_signed()); }));
    REQUIRE(act([&](auto& s) { return s.sign(sara_p, d.id, true, now_signed()); }));
    CHECK(
        act([&](auto& s) { return s.revoke(nurse, d.id, "tvivel", stale); }).error().code ==
        errc::reauthentication_required
    );
    CHECK(may(sara, med, home, clock.now()));
}

TEST_CASE_METHOD(
    delegation_fixture,
    "the recipient must confirm adequate knowledge; declining ends it",
    "[storage][delegation]"
)
{
    completed(sara, "2026-06-01");
    auto d = act([&](auto& s) { return s.create_draft(nurse, draft_for(sara, {med})); }).value();
    REQUIRE(act([&](auto& s) { return s.issue(nurse, d.id, now_signed()); }));
    auto unconfirmed = act([&](auto& s) { return s.sign(sara_p, d.id, false, now_signed()); });
    REQUIRE_FALSE(unconfirmed);
    CHECK(unconfirmed.error().field == "/self_assessment_confirmed");
    CHECK(
        act([&](auto& s) { return s.sign(nils_p, d.id, true, now_signed()); }).error().code == errc::not_found
    );
    auto declined = act([&](auto& s) { return s.reject(sara_p, d.id, "behöver mer träning"); });
    REQUIRE(declined);
    CHECK(declined->state == delegation_state::rejected);
    CHECK_FALSE(may(sara, med, home, clock.now()));
}

TEST_CASE_METHOD(
    delegation_fixture,
    "the sweep expires, terminates on end of employment, and flags a lapsed prerequisite",
    "[storage][delegation]"
)
{
    completed(sara, "2026-06-01"); // valid through 2027-05-31
    completed(nils, "2026-11-01");
    auto sara_d = delegate(sara_p, draft_for(sara, {med}, "2026-11-23", "2027-11-22")).value();
    auto nils_d = delegate(nils_p, draft_for(nils, {med}, "2026-11-23", "2026-12-31")).value();
    app::sweeper background{*db, clock, app::sweeper_settings{}};

    clock.advance(40 * day_ms); // 2027-01-02: Nils's has expired
    background.sweep_once();
    CHECK(act([&](auto& s) { return s.get(mas, nils_d.id); })->state == delegation_state::expired);
    CHECK_FALSE(may(nils, med, home, clock.now()));

    clock.advance(160 * day_ms); // 2027-06-11: Sara's medication course has lapsed
    background.sweep_once();
    auto at_risk = act([&](auto& s) { return s.get(mas, sara_d.id); }).value();
    CHECK(at_risk.at_risk);
    CHECK(at_risk.state == delegation_state::active);
    storage::unit_of_work uow{*db, storage::access_mode::read};
    auto const nora_notes = uow.notifications().for_recipient(org, nora, 50);
    CHECK(std::any_of(nora_notes.begin(), nora_notes.end(), [](auto const& n) {
        return n.kind == "delegation.at_risk";
    }));
}

TEST_CASE_METHOD(
    delegation_fixture,
    "a renewal supersedes the old decision when it becomes active, with no gap",
    "[storage][delegation]"
)
{
    completed(sara, "2026-11-01");
    auto old = delegate(sara_p, draft_for(sara, {med}, "2026-11-23", "2027-01-31")).value();
    clock.advance(30 * day_ms); // 2026-12-23
    auto renewal = draft_for(sara, {med}, "2027-01-15", "2027-12-31");
    renewal.renews_id = old.id;
    auto made = delegate(sara_p, renewal);
    REQUIRE(made);
    auto const superseded = act([&](auto& s) { return s.get(mas, old.id); }).value();
    CHECK(superseded.state == delegation_state::superseded);
    CHECK(may(sara, med, home, instant(2027, 1, 14, 12))); // still the old one
    CHECK(may(sara, med, home, instant(2027, 1, 15, 12))); // the renewal
    CHECK(act([&](auto& s) {
              return s.check(mas, sara, med, home, std::nullopt, instant(2027, 1, 20));
          })->decision_id == made->id);
}

TEST_CASE_METHOD(
    delegation_fixture,
    "shift coverage lists what each person can do and what nobody can",
    "[storage][delegation]"
)
{
    completed(sara, "2026-06-01");
    REQUIRE(delegate(sara_p, draft_for(sara, {med, wound})));
    auto c = act([&](auto& s) {
        return s.coverage(mas, home, {sara, nils}, {med, wound, insulin}, clock.now());
    });
    REQUIRE(c);
    REQUIRE(c->people.size() == 2);
    CHECK(c->people[0].task_ids == std::vector<std::string>{med, wound});
    CHECK(c->people[1].task_ids.empty());
    CHECK(c->uncovered_task_ids == std::vector<std::string>{insulin});
}

TEST_CASE_METHOD(
    delegation_fixture, "the history answers who was allowed what on a date, exactly", "[storage][delegation]"
)
{
    completed(sara, "2026-11-01");
    completed(nils, "2026-11-01");
    // Sara: medication 2026-11-23 .. 2027-02-28, revoked on 2026-12-10 at 14:00 UTC.
    auto sara_med = delegate(sara_p, draft_for(sara, {med}, "2026-11-23", "2027-02-28")).value();
    // Nils: wound care from 2026-12-01 through 2026-12-31.
    auto nils_wound = delegate(nils_p, draft_for(nils, {wound}, "2026-12-01", "2026-12-31")).value();
    clock.set(instant(2026, 12, 10, 14));
    REQUIRE(act([&](auto& s) { return s.revoke(nurse, sara_med.id, "tvivel", now_signed()); }));

    auto on = [&](std::string const& day) {
        std::vector<std::string> ids;
        for (auto const& r : act([&](auto& s) { return s.history(mas, day, std::nullopt); }).value())
            ids.push_back(r.decision.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    auto both = std::vector<std::string>{sara_med.id, nils_wound.id};
    std::sort(both.begin(), both.end());
    CHECK(on("2026-11-22") == std::vector<std::string>{});
    CHECK(on("2026-11-30") == std::vector<std::string>{sara_med.id});
    CHECK(on("2026-12-05") == both);
    CHECK(on("2026-12-10") == both); // revoked that afternoon: allowed in the morning
    CHECK(on("2026-12-11") == std::vector<std::string>{nils_wound.id});
    CHECK(on("2027-01-01") == std::vector<std::string>{});
    CHECK_FALSE(act([&](auto& s) { return s.history(nurse, "2026-12-05", std::nullopt); }));
}

TEST_CASE_METHOD(
    delegation_fixture,
    "random sequences never make may_perform true outside what a live decision covers",
    "[storage][delegation][property]"
)
{
    completed(sara, "2026-11-01");
    std::mt19937 rng{20261123};
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    struct live
    {
        core::delegation_decision d;
        std::optional<core::millis> ended; // by our own bookkeeping: revoked, superseded or terminated
    };
    std::vector<live> model;
    std::vector<std::string> const tasks{med, wound};
    std::vector<std::string> const units{home, other};
    bool employed = true;
    int allowed_seen = 0;

    for (int step = 0; step < 120; ++step)
    {
        auto const today = core::stockholm_today(clock.now());
        switch (pick(6))
        {
        case 0:
        case 1:
        { // issue and sign a new one
            auto from = core::format_iso_date(std::chrono::year_month_day{
                std::chrono::sys_days{*core::parse_iso_date(today)} + std::chrono::days{pick(20)}});
            auto to = core::format_iso_date(std::chrono::year_month_day{
                std::chrono::sys_days{*core::parse_iso_date(from)} + std::chrono::days{pick(200)}});
            auto d = draft_for(sara, {tasks[static_cast<std::size_t>(pick(2))]}, from, to, home);
            if (auto made = delegate(sara_p, d))
                model.push_back({*made, std::nullopt});
            break;
        }
        case 2: // revoke one
            if (!model.empty())
            {
                auto& m = model[static_cast<std::size_t>(pick(static_cast<int>(model.size())))];
                if (act([&](auto& s) { return s.revoke(nurse, m.d.id, "slump", now_signed()); }) &&
                    !m.ended && m.d.state == delegation_state::active)
                    m.ended = clock.now();
            }
            break;
        case 3: // time passes, the sweep runs
            clock.advance(pick(40) * day_ms + pick(24) * 3600 * 1000LL);
            app::sweeper{*db, clock, app::sweeper_settings{}}.sweep_once();
            break;
        case 4: // renew one
            if (!model.empty())
            {
                auto& m = model[static_cast<std::size_t>(pick(static_cast<int>(model.size())))];
                auto d = draft_for(
                    sara,
                    m.d.task_ids,
                    today,
                    core::format_iso_date(std::chrono::year_month_day{
                        std::chrono::sys_days{*core::parse_iso_date(today)} + std::chrono::days{100}}),
                    home
                );
                d.renews_id = m.d.id;
                if (auto made = delegate(sara_p, d))
                {
                    if (!m.ended)
                        m.ended = std::max<core::millis>(
                            clock.now(), core::stockholm_day_start(*core::parse_iso_date(today))
                        );
                    model.push_back({*made, std::nullopt});
                }
            }
            break;
        case 5: // rarely: Sara's employment ends, and the sweep terminates everything
            if (employed && pick(8) == 0)
            {
                {
                    storage::unit_of_work uow{*db, storage::access_mode::write};
                    core::directory_service dir{uow.directory(), uow.audit(), clock};
                    auto job = uow.directory().employments_of(org, sara).front();
                    core::employment_patch patch;
                    patch.end_date =
                        std::optional<std::string>(core::format_iso_date(std::chrono::year_month_day{
                            std::chrono::sys_days{*core::parse_iso_date(today)} - std::chrono::days{1}}));
                    dir.update_employment(hr_of(org), job.id, patch, job.version).value();
                    uow.commit();
                } // one writer at a time: the sweep below takes its own
                app::sweeper{*db, clock, app::sweeper_settings{}}.sweep_once();
                for (auto& m : model)
                    if (!m.ended)
                        m.ended = clock.now();
                employed = false;
            }
            break;
        }
        // Probe: random task, unit and instant around now.
        for (int probe = 0; probe < 4; ++probe)
        {
            auto const& t = tasks[static_cast<std::size_t>(pick(2))];
            auto const& u = units[static_cast<std::size_t>(pick(2))];
            core::millis const at =
                clock.now() + (pick(2) ? 1 : -1) * static_cast<core::millis>(pick(30)) * day_ms;
            auto answer = act([&](auto& s) { return s.check(mas, sara, t, u, std::nullopt, at); }).value();
            if (!answer.allowed)
                continue;
            ++allowed_seen;
            auto it = std::find_if(model.begin(), model.end(), [&](auto const& m) {
                return m.d.id == answer.decision_id;
            });
            REQUIRE(it != model.end());
            INFO("step " << step << " decision " << it->d.id);
            CHECK(std::find(it->d.task_ids.begin(), it->d.task_ids.end(), t) != it->d.task_ids.end());
            CHECK(u == home);
            CHECK(at >= core::stockholm_day_start(*core::parse_iso_date(it->d.valid_from)));
            CHECK(
                at < core::stockholm_day_start(std::chrono::year_month_day{
                         std::chrono::sys_days{*core::parse_iso_date(it->d.valid_to)} + std::chrono::days{1}})
            );
            CHECK(at >= *it->d.activated_at);
            if (it->ended)
                CHECK(at < *it->ended);
        }
    }
    CHECK(allowed_seen > 0); // the property was exercised, not vacuously true
}

TEST_CASE_METHOD(
    delegation_fixture,
    "a requirement rule scoped to a held delegation reaches the person when it becomes active and leaves on "
    "revocation",
    "[storage][delegation][training]"
)
{
    completed(sara, "2026-06-01");
    auto const refresher = course("MED-REPETITION");
    core::requirement_rule r;
    r.course_id = refresher;
    r.scope_kind = "delegation_task";
    r.scope_value = med;
    r.due_days = 60;
    REQUIRE(train([&](auto& s) { return s.create_rule(hr_of(org), r); }));
    auto const required = [&] {
        storage::unit_of_work uow{*db, storage::access_mode::read};
        auto const rows = uow.training().statuses_of(org, sara);
        return std::any_of(rows.begin(), rows.end(), [&](auto const& s) { return s.course_id == refresher; });
    };
    CHECK_FALSE(required());
    auto const d = delegate(sara_p, draft_for(sara, {med})).value();
    CHECK(required());
    REQUIRE(act([&](auto& s) { return s.revoke(nurse, d.id, "behovet upphört", now_signed()); }));
    CHECK_FALSE(required());

    r.scope_value = "0190a1b2-0000-7000-8000-00000000dead";
    auto bad = train([&](auto& s) { return s.create_rule(hr_of(org), r); });
    REQUIRE_FALSE(bad);
    CHECK(bad.error().field == "/scope_value");
}

TEST_CASE_METHOD(
    delegation_fixture,
    "a task that suspends on lapse stops counting when the medication test lapses, and counts again once "
    "renewed",
    "[storage][delegation]"
)
{
    core::delegation_task t;
    t.code = "MED-STRIKT";
    t.name = "Läkemedel, strikt";
    t.category = "medication";
    t.delegator_professions = {"registered_nurse"};
    t.prerequisite_courses = {{med_course, 12}};
    t.suspend_on_lapse = true;
    auto const strict = act([&](auto& s) { return s.create_task(mas, t); }).value().id;
    completed(sara, "2026-01-10"); // valid through 2027-01-09
    auto const d = delegate(sara_p, draft_for(sara, {strict}, "2026-11-23", "2027-10-31")).value();
    app::sweeper background{*db, clock, app::sweeper_settings{}};

    clock.advance(60 * day_ms); // 2027-01-22: lapsed
    background.sweep_once();
    auto const suspended = act([&](auto& s) { return s.get(mas, d.id); }).value();
    CHECK(suspended.suspended);
    CHECK(suspended.state == delegation_state::active);
    auto const why =
        act([&](auto& s) { return s.check(mas, sara, strict, home, std::nullopt, clock.now()); });
    CHECK_FALSE(why->allowed);
    CHECK(why->reasons == std::vector<std::string>{d.id + ":suspended"});

    completed(sara, "2027-01-21");
    background.sweep_once();
    CHECK_FALSE(act([&](auto& s) { return s.get(mas, d.id); })->suspended);
    CHECK(may(sara, strict, home, clock.now()));
}

TEST_CASE_METHOD(
    delegation_fixture, "the delegator changing unit ends the delegations she issued", "[storage][delegation]"
)
{
    completed(sara, "2026-06-01");
    auto const d = delegate(sara_p, draft_for(sara, {med})).value();
    CHECK(d.delegator_unit_ids == std::vector<std::string>{home});
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::directory_service dir{uow.directory(), uow.audit(), clock};
        auto job = uow.directory().employments_of(org, nora).front();
        core::employment_patch patch;
        patch.unit_ids = std::vector<std::string>{other};
        dir.update_employment(hr_of(org), job.id, patch, job.version).value();
        uow.commit();
    }
    app::sweeper{*db, clock, app::sweeper_settings{}}.sweep_once();
    auto const ended = act([&](auto& s) { return s.get(mas, d.id); }).value();
    CHECK(ended.state == delegation_state::terminated);
    CHECK(ended.end_reason == "delegator_changed_unit");
    CHECK_FALSE(may(sara, med, home, clock.now()));
}

TEST_CASE_METHOD(
    delegation_fixture,
    "the delegator is reminded of a follow-up a week ahead and when it is overdue",
    "[storage][delegation][notifications]"
)
{
    completed(sara, "2026-06-01");
    auto const d = delegate(sara_p, draft_for(sara, {med})).value();
    core::delegation_follow_up f;
    f.outcome = "continue";
    f.observation = "performed_as_instructed";
    f.next_due = "2026-11-28";
    REQUIRE(act([&](auto& s) { return s.follow_up(nurse, d.id, f); }));
    auto const kinds = [&] {
        storage::unit_of_work uow{*db, storage::access_mode::read};
        std::vector<std::string> out;
        for (auto const& n : uow.notifications().for_recipient(org, nora, 50))
            if (n.kind.rfind("delegation.follow_up", 0) == 0)
                out.insert(out.begin(), n.kind);
        return out;
    };
    app::sweeper background{*db, clock, app::sweeper_settings{}};
    background.sweep_once();
    CHECK(kinds() == std::vector<std::string>{"delegation.follow_up_due"});
    background.sweep_once();
    CHECK(kinds().size() == 1); // once
    clock.advance(6 * day_ms);  // 2026-11-29: overdue
    background.sweep_once();
    CHECK(kinds() == std::vector<std::string>{"delegation.follow_up_due", "delegation.follow_up_overdue"});
}

TEST_CASE_METHOD(
    delegation_fixture,
    "an absence longer than three months ends the delegations; a shorter one does not",
    "[storage][delegation]"
)
{
    completed(sara, "2026-11-01");
    completed(nils, "2026-11-01");
    auto const sara_d = delegate(sara_p, draft_for(sara, {med}, "2026-11-23", "2027-10-31")).value();
    auto const nils_d = delegate(nils_p, draft_for(nils, {wound}, "2026-11-23", "2027-10-31")).value();
    core::absence away;
    away.employee_id = sara;
    away.from_date = "2026-12-01"; // still away
    REQUIRE(write([&](auto& s) { return s.record_absence(hr_of(org), away); }));
    away.employee_id = nils;
    away.to_date = "2027-02-15"; // two and a half months, then back
    REQUIRE(write([&](auto& s) { return s.record_absence(hr_of(org), away); }));
    app::sweeper background{*db, clock, app::sweeper_settings{}};

    clock.set(instant(2027, 3, 1)); // three months exactly: not longer
    background.sweep_once();
    CHECK(act([&](auto& s) { return s.get(mas, sara_d.id); })->state == delegation_state::active);
    clock.set(instant(2027, 3, 2));
    background.sweep_once();
    auto const ended = act([&](auto& s) { return s.get(mas, sara_d.id); }).value();
    CHECK(ended.state == delegation_state::terminated);
    CHECK(ended.end_reason == "absence_exceeded");
    CHECK(act([&](auto& s) { return s.get(mas, nils_d.id); })->state == delegation_state::active);
    CHECK(may(nils, wound, home, clock.now()));
}
