#include "sync/server/view_builder.hpp"

#include "server/core/calendar.hpp"
#include "server/core/title.hpp"
#include "server/wire/core_json.hpp"
#include "server/wire/workplace_json.hpp"
#include "sync/server/core_services.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <set>

namespace kompetens::sync {

namespace {

constexpr core::millis day_ms = 24LL * 3600 * 1000;

class view_collector
{
    std::vector<view_row> rows_;
    std::set<std::pair<std::string, std::string>> seen_;

public:
    void add(std::string type, std::string id, boost::json::object const& data)
    {
        if (!seen_.insert({type, id}).second)
            return;
        auto text = boost::json::serialize(data);
        auto version = version_of(text);
        rows_.push_back(view_row{std::move(type), std::move(id), std::move(text), std::move(version)});
    }
    std::vector<view_row> take()
    {
        std::sort(rows_.begin(), rows_.end(), [](view_row const& a, view_row const& b) {
            return std::tie(a.type, a.id) < std::tie(b.type, b.id);
        });
        return std::move(rows_);
    }
};

bool recent_or_open(core::delegation_decision const& d, core::millis now)
{
    if (!d.ended_at)
        return true;
    return now - *d.ended_at <= ended_delegation_days * day_ms;
}

} // namespace

std::vector<view_row> build_view(core::principal const& who, stores& s, core::clock const& clock)
{
    view_collector v;
    if (!who.employee_id)
        return v.take(); // an account without an employee record (an operator) has no phone view
    auto const now = clock.now();
    auto const& org = who.organisation_id;
    std::set<std::string> people{*who.employee_id};

    auto delegations = delegation_service_of(s, clock);
    auto training = training_service_of(s, clock);
    auto learner = learner_service_of(s, clock);

    // Delegations, as recipient and as delegator. Revoked ones stay (as revoked) for 30 days, so the
    // phone can say "revoked" instead of silently dropping them.
    std::set<std::string> prerequisite_courses_of_tasks;
    std::vector<std::string> my_recipients;
    if (auto mine = delegations.mine(who))
        for (auto const& d : *mine)
            if (d.state != core::delegation_state::draft && recent_or_open(d, now))
            {
                auto o = wire::decision_json(d);
                o["role"] = "delegate";
                v.add("delegation", d.id, o);
                people.insert(d.delegator_id);
            }
    if (auto issued = delegations.issued_by_me(who))
        for (auto const& d : *issued)
            if (recent_or_open(d, now))
            {
                auto o = wire::decision_json(d);
                o["role"] = "delegator";
                v.add("delegation", d.id, o);
                people.insert(d.delegate_id);
                if (d.state == core::delegation_state::active ||
                    d.state == core::delegation_state::awaiting_signatures)
                {
                    my_recipients.push_back(d.delegate_id);
                    for (auto const& task_id : d.task_ids)
                        if (auto t = s.delegations.find_task(org, task_id))
                            for (auto const& c : t->prerequisite_courses)
                                prerequisite_courses_of_tasks.insert(c.course_id);
                }
            }

    if (auto list = learner.my_assignments(who))
        for (auto const& a : *list)
            v.add(
                "assignment",
                a.id,
                {{"id", a.id},
                 {"course_id", a.course_id},
                 {"source", a.source},
                 {"due_date", a.due_date},
                 {"note", a.note},
                 {"assigned_at", a.assigned_at},
                 {"acknowledged_at", wire::opt(a.acknowledged_at)}}
            );
    if (auto list = training.my_training(who))
        for (auto const& r : *list)
        {
            auto o = wire::status_json(r.status);
            o["course_code"] = r.what.code;
            o["course_title"] = r.what.title;
            v.add("requirement", r.status.course_id, o);
        }
    if (auto list = learner.my_records(who))
        for (auto const& r : *list)
            v.add("training_record", r.id, wire::record_json(r));
    if (auto list = learner.my_progress(who))
        for (auto const& p : *list)
            v.add(
                "progress",
                p.module_id,
                {{"module_id", p.module_id},
                 {"course_id", p.course_id},
                 {"position", p.position},
                 {"done", p.done}}
            );
    auto records = task_record_service_of(s, clock);
    if (auto list = records.mine(who, task_record_days))
        for (auto const& r : *list)
        {
            boost::json::array flags;
            for (auto const& f : r.flags)
                flags.emplace_back(f);
            v.add(
                "task_record",
                r.id,
                {{"id", r.id},
                 {"delegation_id", r.decision_id},
                 {"task_id", r.task_id},
                 {"unit_id", wire::opt(r.unit_id)},
                 {"occurred_at", r.occurred_at},
                 {"received_at", r.received_at},
                 {"flags", std::move(flags)}}
            );
        }
    for (auto const& n : s.notifications.for_recipient(org, *who.employee_id, notification_rows))
        v.add("notification", n.id, wire::notification_json(n));

    // A manager's units: everyone's status there.
    if (who.has(core::role::manager))
    {
        auto const day = core::stockholm_today(now);
        auto const units =
            s.directory.units_below(org, s.directory.current_units(org, *who.employee_id, day));
        for (auto const& unit_id : units)
            if (auto rows = training.unit_matrix(who, unit_id))
                for (auto const& r : *rows)
                {
                    v.add("team_status", r.employee_id + ":" + r.course_id, wire::status_json(r));
                    people.insert(r.employee_id);
                }
    }
    // A delegator sees whether the people they delegated to still meet the prerequisites.
    for (auto const& emp : my_recipients)
        for (auto const& r : s.training.statuses_of(org, emp))
            if (prerequisite_courses_of_tasks.contains(r.course_id))
                v.add("team_status", r.employee_id + ":" + r.course_id, wire::status_json(r));

    // The person's language plans, and the plans they support as language ambassador or mentor.
    auto language = language_service_of(s, clock);
    // Their own plans straight from the store: the profile would also read assessments and requirements,
    // which the phone does not carry, on every pull.
    for (auto const& p : s.language.plans_of(org, *who.employee_id))
        v.add("language_plan", p.id, wire::language_plan_json(p));
    if (auto supported = language.plans_i_support(who))
        for (auto const& p : *supported)
        {
            v.add("language_plan", p.id, wire::language_plan_json(p));
            people.insert(p.employee_id);
        }
    for (auto const& a : s.roles.assignments_of(org, *who.employee_id))
        if (a.state != "ended")
            v.add("special_role", a.id, wire::special_role_json(a));

    // The students the person supervises (until a month after the placement ends) and their mentorships
    // as mentor or mentee, so notes and meetings can be written offline.
    auto const month_ago = core::add_days(core::stockholm_today(now), -30);
    if (auto placements = placement_service_of(s, clock).mine(who))
        for (auto const& pv : *placements)
            if (pv.p.status != "cancelled" && !(pv.p.status == "completed" && pv.p.ends_on < month_ago))
                v.add("placement", pv.p.id, wire::placement_json(pv));
    if (auto mentorships = mentorship_service_of(s, clock).of_person(who, *who.employee_id))
        for (auto const& mv : *mentorships)
            if (mv.m.status == "active")
            {
                v.add("mentorship", mv.m.id, wire::mentorship_json(mv));
                people.insert(mv.m.mentor_id == *who.employee_id ? mv.m.mentee_id : mv.m.mentor_id);
            }

    // Names for the rows above, and whether the person may be called undersköterska today.
    auto const today = core::stockholm_today(now);
    for (auto const& id : people)
        if (auto e = s.directory.find_employee(org, id))
            v.add(
                "person",
                e->id,
                {{"id", e->id},
                 {"given_name", e->given_name},
                 {"family_name", e->family_name},
                 {"may_use_title", core::may_use_title(e->title_status, e->title_transitional, today)}}
            );
    return v.take();
}

} // namespace kompetens::sync
