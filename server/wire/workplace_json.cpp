#include "server/wire/workplace_json.hpp"

#include "server/wire/core_json.hpp"

namespace kompetens::wire {

boost::json::object placement_json(core::placement_view const& v)
{
    auto const& p = v.p;
    boost::json::array notes;
    for (auto const& n : v.notes)
        notes.push_back(boost::json::object{
            {"id", n.id},
            {"written_on", n.written_on},
            {"area", n.area},
            {"progress", n.progress},
            {"author_id", n.author_id}});
    boost::json::array hours;
    for (auto const& h : v.hours)
        hours.push_back(boost::json::object{{"worked_on", h.worked_on}, {"hours", h.minutes / 60.0}});
    return {
        {"id", p.id},
        {"learner",
         {{"id", p.learner_id},
          {"given_name", v.learner_given_name},
          {"family_name", v.learner_family_name}}},
        {"programme_id", p.programme_id},
        {"form", p.form},
        {"unit_id", p.unit_id},
        {"starts_on", p.starts_on},
        {"ends_on", p.ends_on},
        {"required_hours", opt(p.required_hours)},
        {"required_weeks", opt(p.required_weeks)},
        {"supervisor_id", opt(p.supervisor_id)},
        {"employment_id", opt(p.employment_id)},
        {"status", p.status},
        {"meeting_planned_on", opt(p.meeting_planned_on)},
        {"meeting_held_on", opt(p.meeting_held_on)},
        {"notes", std::move(notes)},
        {"hours", std::move(hours)},
        {"hours_logged", v.minutes_logged / 60.0},
        {"version", p.version}};
}

boost::json::object learner_json(core::learner const& l)
{
    return {
        {"id", l.id},
        {"given_name", l.given_name},
        {"family_name", l.family_name},
        {"programme_id", l.programme_id},
        {"employee_id", opt(l.employee_id)},
        {"version", l.version}};
}

boost::json::object mentorship_json(core::mentorship_view const& v)
{
    auto const& m = v.m;
    boost::json::array meetings;
    for (auto const& mt : v.meetings)
        meetings.push_back(boost::json::object{
            {"id", mt.id},
            {"met_on", mt.met_on},
            {"topics", strings(mt.topics)},
            {"recorded_by", mt.recorded_by}});
    return {
        {"id", m.id},
        {"programme_id", m.programme_id},
        {"mentor_id", m.mentor_id},
        {"mentee_id", m.mentee_id},
        {"starts_on", m.starts_on},
        {"ends_on", m.ends_on},
        {"status", m.status},
        {"meetings", std::move(meetings)},
        {"version", m.version}};
}

boost::json::object mentorship_programme_json(core::mentorship_programme const& p)
{
    return {{"id", p.id}, {"name", p.name}, {"kind", p.kind}, {"course_ids", strings(p.course_ids)}};
}

} // namespace kompetens::wire
