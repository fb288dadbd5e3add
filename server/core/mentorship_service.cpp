#include "server/core/mentorship_service.hpp"

#include "server/core/access_policy.hpp"
#include "server/core/calendar.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/ids.hpp"
#include "server/core/special_role.hpp"

#include <algorithm>

namespace kompetens::core {

namespace {

std::string joined(std::vector<std::string> const& parts)
{
    std::string out;
    for (auto const& p : parts)
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

} // namespace

mentorship_view mentorship_service::view_of(mentorship m)
{
    mentorship_view v;
    v.meetings = s_.mentorships.meetings(m.organisation_id, m.id);
    v.m = std::move(m);
    return v;
}

result<mentorship> mentorship_service::readable(principal const& p, std::string const& id, action a)
{
    auto m = is_uuid(id) ? s_.mentorships.find(p.organisation_id, id) : std::nullopt;
    if (!m)
        return not_found("mentorship");
    auto rel = directory_service{s_.directory, s_.audit, clock_}.relation_to(p, m->mentee_id);
    if (rel == relation::other && p.employee_id == m->mentor_id)
        rel = relation::self;
    if (auto f = decide(p, a, p.organisation_id, rel))
        return *f;
    return *m;
}

result<std::vector<mentorship_programme>> mentorship_service::programmes(principal const& p)
{
    if (auto f = decide(p, action::unit_read, p.organisation_id))
        return *f;
    return s_.mentorships.programmes(p.organisation_id);
}

result<mentorship_programme> mentorship_service::create_programme(principal const& p, mentorship_programme v)
{
    if (auto f = decide(p, action::mentorship_admin, p.organisation_id))
        return *f;
    if (auto f = validate(v))
        return *f;
    for (std::size_t i = 0; i < v.course_ids.size(); ++i)
        if (!s_.training.find_course(p.organisation_id, v.course_ids[i]))
            return invalid("/course_ids/" + std::to_string(i), "no such course");
    v.organisation_id = p.organisation_id;
    v.created_at = clock_.now();
    v.id = new_uuid_v7(v.created_at);
    v.version = 1;
    s_.mentorships.insert_programme(v);
    record(s_.audit, p, v.created_at, "mentorship_programme.create", "mentorship_programme", v.id);
    return v;
}

result<mentorship_view> mentorship_service::assign(principal const& p, mentorship m)
{
    if (auto f = validate(m))
        return *f;
    auto const& org = p.organisation_id;
    if (!s_.directory.find_employee(org, m.mentee_id))
        return not_found("employee");
    auto const rel = directory_service{s_.directory, s_.audit, clock_}.relation_to(p, m.mentee_id);
    if (auto f = decide(p, action::mentorship_manage, org, rel))
        return *f;
    if (!s_.directory.find_employee(org, m.mentor_id))
        return invalid("/mentor_id", "no such employee");
    auto const programme = s_.mentorships.find_programme(org, m.programme_id);
    if (!programme)
        return invalid("/programme_id", "no such programme");
    auto const day = std::max(m.starts_on, stockholm_today(clock_.now()));
    special_role_rule courses;
    courses.course_ids = programme->course_ids;
    qualification_facts facts;
    facts.records = s_.training.records_of(org, m.mentor_id);
    if (auto const missing = missing_for(courses, facts, day); !missing.empty())
        return failure{errc::prerequisite_missing, "/mentor_id", "the mentor lacks " + joined(missing)};
    s_.mentorships.lock_mentor(org, m.mentor_id);
    auto const cap = s_.placements.employee_capacity(org, m.mentor_id)
                         .second.value_or(s_.placements.policy(org).default_mentor_capacity);
    std::vector<date_span> taken;
    for (auto const& other : s_.mentorships.active_of_mentor(org, m.mentor_id, {m.starts_on, m.ends_on}))
        taken.push_back({other.starts_on, other.ends_on});
    auto const peak = peak_overlap(taken, {m.starts_on, m.ends_on});
    if (peak + 1 > cap)
        return failure{
            errc::capacity_exceeded,
            "/mentor_id",
            "the mentor takes " + std::to_string(cap) + " mentees at once and has " + std::to_string(peak) +
                " in that period"};
    m.organisation_id = org;
    m.status = "active";
    m.created_at = clock_.now();
    m.created_by = p.account_id;
    m.ended_at.reset();
    m.id = new_uuid_v7(m.created_at);
    m.version = 1;
    s_.mentorships.insert(m);
    record(s_.audit, p, m.created_at, "mentorship.assign", "mentorship", m.id);
    for (auto const& who : {m.mentor_id, m.mentee_id})
    {
        notification n;
        n.organisation_id = org;
        n.kind = "mentorship.assigned";
        n.subject_type = "mentorship";
        n.subject_id = m.id;
        n.about_employee_id = m.mentee_id;
        n.recipient_id = who;
        n.on = m.starts_on;
        n.dedupe_key = "mentorship.assigned:" + m.id + ":" + who;
        n.created_at = m.created_at;
        n.id = new_uuid_v7(n.created_at);
        s_.notifications.insert_if_new(n);
    }
    return view_of(std::move(m));
}

result<mentorship_view> mentorship_service::end(principal const& p, std::string const& id)
{
    auto m = readable(p, id, action::mentorship_manage);
    if (!m)
        return m.error();
    if (m->status == "ended")
        return view_of(std::move(*m)); // ending twice changes nothing
    auto const expected = m->version;
    m->status = "ended";
    m->ended_at = clock_.now();
    m->version = expected + 1;
    if (!s_.mentorships.update(*m, expected))
        return failure{errc::conflict, "", "the mentorship changed meanwhile; read it again"};
    record(s_.audit, p, *m->ended_at, "mentorship.end", "mentorship", m->id);
    return view_of(std::move(*m));
}

result<mentorship_view> mentorship_service::get(principal const& p, std::string const& id)
{
    auto m = readable(p, id, action::mentorship_read);
    if (!m)
        return m.error();
    return view_of(std::move(*m));
}

result<std::vector<mentorship_view>>
mentorship_service::of_person(principal const& p, std::string const& employee_id)
{
    if (!is_uuid(employee_id) || !s_.directory.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    auto const rel = directory_service{s_.directory, s_.audit, clock_}.relation_to(p, employee_id);
    if (auto f = decide(p, action::mentorship_read, p.organisation_id, rel))
        return *f;
    std::vector<mentorship_view> out;
    for (auto& m : s_.mentorships.of_person(p.organisation_id, employee_id))
        out.push_back(view_of(std::move(m)));
    return out;
}

result<bool> mentorship_service::record_meeting(principal const& p, mentorship_meeting mt)
{
    if (!is_uuid(mt.id))
        return invalid("/meeting_id", "must be a UUID chosen by the client");
    auto m = readable(p, mt.mentorship_id, action::mentorship_read);
    if (!m)
        return m.error();
    if (!p.employee_id || (*p.employee_id != m->mentor_id && *p.employee_id != m->mentee_id))
        return failure{errc::forbidden, "", "the mentor and the mentee keep the meeting log"};
    if (auto stored = s_.mentorships.find_meeting(p.organisation_id, mt.id))
    {
        if (stored->mentorship_id != mt.mentorship_id || stored->met_on != mt.met_on ||
            stored->topics != mt.topics)
            return failure{errc::conflict, "/meeting_id", "another meeting has this id"};
        return false;
    }
    if (m->status != "active")
        return failure{errc::invalid_state, "", "the mentorship has ended"};
    if (auto f = validate(mt, *m, stockholm_today(clock_.now())))
        return *f;
    mt.organisation_id = p.organisation_id;
    mt.recorded_by = *p.employee_id;
    mt.recorded_at = clock_.now();
    s_.mentorships.insert_meeting(mt);
    record(s_.audit, p, mt.recorded_at, "mentorship.meeting", "mentorship", m->id);
    return true;
}

} // namespace kompetens::core
