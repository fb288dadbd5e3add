#include "server/wire/core_json.hpp"

#include <boost/json/parse.hpp>

namespace kompetens::wire {

boost::json::array strings(std::vector<std::string> const& v)
{
    boost::json::array a;
    for (auto const& s : v)
        a.emplace_back(s);
    return a;
}

boost::json::object task_json(core::delegation_task const& t)
{
    boost::json::array courses;
    for (auto const& c : t.prerequisite_courses)
    {
        boost::json::object o{{"course_id", c.course_id}};
        if (c.max_age_months)
            o["max_age_months"] = *c.max_age_months;
        courses.push_back(std::move(o));
    }
    return {
        {"id", t.id},
        {"code", t.code},
        {"name", t.name},
        {"category", t.category},
        {"tier", t.tier},
        {"delegator_professions", strings(t.delegator_professions)},
        {"prerequisite_courses", std::move(courses)},
        {"prerequisite_tasks", strings(t.prerequisite_tasks)},
        {"min_days_in_unit", t.min_days_in_unit},
        {"min_language_level", opt(t.min_language_level)},
        {"max_validity_months", t.max_validity_months},
        {"allowed_scopes", strings(t.allowed_scopes)},
        {"risk_class", t.risk_class},
        {"suspend_on_lapse", t.suspend_on_lapse},
        {"active", t.active}};
}

boost::json::value signature_json(std::optional<core::signature> const& s)
{
    if (!s)
        return nullptr;
    return boost::json::object{{"method", s->method}, {"signed_at", s->signed_at}};
}

boost::json::object decision_json(core::delegation_decision const& d)
{
    return {
        {"id", d.id},
        {"delegator_id", d.delegator_id},
        {"delegator_profession", d.delegator_profession},
        {"delegate_id", d.delegate_id},
        {"task_ids", strings(d.task_ids)},
        {"scope_kind", d.scope_kind},
        {"unit_ids", strings(d.unit_ids)},
        {"patient_ref", opt(d.patient_ref)},
        {"valid_from", d.valid_from},
        {"valid_to", d.valid_to},
        {"single_occasion", d.single_occasion},
        {"state", core::state_name(d.state)},
        {"renews_id", opt(d.renews_id)},
        {"prerequisite_evidence", boost::json::parse(d.prerequisite_snapshot)},
        {"delegator_signature", signature_json(d.delegator_signature)},
        {"delegate_signature", signature_json(d.delegate_signature)},
        {"self_assessment_confirmed", d.self_assessment_confirmed},
        {"activated_at", opt(d.activated_at)},
        {"ended_at", opt(d.ended_at)},
        {"end_reason", d.end_reason},
        {"at_risk", d.at_risk},
        {"suspended", d.suspended},
        {"at_risk_reason", d.at_risk_reason},
        {"version", d.version}};
}

boost::json::object course_json(core::course const& c, std::optional<core::course_version> const& v)
{
    boost::json::object o{
        {"id", c.id},
        {"code", c.code},
        {"title", c.title},
        {"kind", c.kind},
        {"provider", c.provider},
        {"regulatory_basis", c.regulatory_basis},
        {"status", c.status},
        {"created_at", c.created_at},
        {"version", c.version}};
    if (v)
        o["current_version"] = boost::json::object{
            {"id", v->id},
            {"number", v->number},
            {"validity_months", opt(v->validity_months)},
            {"renewal_window_days", v->renewal_window_days},
            {"grace_days", v->grace_days},
            {"passing_score", opt(v->passing_score)},
            {"evidence_type", v->evidence_type}};
    return o;
}

boost::json::object rule_json(core::requirement_rule const& r)
{
    return {
        {"id", r.id},
        {"course_id", r.course_id},
        {"scope_kind", r.scope_kind},
        {"scope_value", r.scope_value},
        {"due_days", r.due_days},
        {"active", r.active},
        {"created_at", r.created_at}};
}

boost::json::object status_json(core::requirement_status const& s)
{
    return {
        {"employee_id", s.employee_id},
        {"course_id", s.course_id},
        {"status", core::state_name(s.state)},
        {"due_date", opt(s.due_date)},
        {"valid_until", opt(s.valid_until)}};
}

boost::json::object record_json(core::training_record const& r)
{
    return {
        {"id", r.id},
        {"employee_id", r.employee_id},
        {"course_id", r.course_id},
        {"course_version_id", r.course_version_id},
        {"completed_on", r.completed_on},
        {"valid_until", opt(r.valid_until)},
        {"source", r.source},
        {"attested", r.attested},
        {"score", opt(r.score)},
        {"certificate_sha256", opt(r.certificate_sha256)}};
}

boost::json::object module_json(core::course_module const& m)
{
    boost::json::array questions;
    for (auto const& q : m.questions)
    {
        boost::json::array options;
        for (auto const& o : q.options)
            options.emplace_back(o);
        questions.push_back(boost::json::object{{"prompt", q.prompt}, {"options", std::move(options)}});
    }
    return {
        {"id", m.id},
        {"course_id", m.course_id},
        {"position", m.position},
        {"kind", m.kind},
        {"title", m.title},
        {"body", m.body},
        {"passing_score", opt(m.passing_score)},
        {"questions", std::move(questions)}};
}

boost::json::object notification_json(core::notification const& n)
{
    boost::json::object o{
        {"id", n.id},
        {"kind", n.kind},
        {"subject_type", n.subject_type},
        {"subject_id", n.subject_id},
        {"about_employee_id", n.about_employee_id},
        {"created_at", n.created_at},
        {"read", n.read_at.has_value()}};
    if (n.on)
        o["on"] = *n.on;
    return o;
}

boost::json::array levels_json(std::vector<core::language_rule> const& v)
{
    boost::json::array out;
    for (auto const& r : v)
    {
        boost::json::object o{{"skill", r.skill}, {"level", r.level}};
        if (!r.profession.empty())
            o["profession"] = r.profession;
        out.push_back(std::move(o));
    }
    return out;
}

boost::json::object assessment_json(core::language_assessment const& a)
{
    return {
        {"id", a.id},
        {"employee_id", a.employee_id},
        {"language", a.language},
        {"skill", a.skill},
        {"level", a.level},
        {"method", a.method},
        {"assessor_id", opt(a.assessor_id)},
        {"assessor_external", opt(a.assessor_external)},
        {"assessed_on", a.assessed_on},
        {"evidence", a.evidence},
        {"recorded_at", a.recorded_at}};
}

boost::json::object language_plan_json(core::language_plan const& p)
{
    boost::json::array supports;
    for (auto const& s : p.supports)
        supports.push_back(boost::json::object{{"kind", s.kind}, {"person_id", opt(s.person_id)}});
    boost::json::array follow_ups;
    for (auto const& f : p.follow_ups)
        follow_ups.push_back(boost::json::object{
            {"id", f.id},
            {"held_on", f.held_on},
            {"outcome", f.outcome},
            {"next_follow_up_on", opt(f.next_follow_up_on)}});
    return {
        {"id", p.id},
        {"employee_id", p.employee_id},
        {"state", p.state},
        {"targets", levels_json(p.targets)},
        {"supports", std::move(supports)},
        {"next_follow_up_on", opt(p.next_follow_up_on)},
        {"follow_ups", std::move(follow_ups)},
        {"created_at", p.created_at},
        {"version", p.version}};
}

boost::json::object special_role_json(core::special_role_assignment const& a)
{
    return {
        {"id", a.id},
        {"employee_id", a.employee_id},
        {"role", a.role},
        {"unit_id", a.unit_id},
        {"state", a.state},
        {"missing", strings(a.missing)},
        {"at_risk_since", opt(a.at_risk_since)},
        {"assigned_at", a.assigned_at},
        {"ended_at", opt(a.ended_at)},
        {"version", a.version}};
}

} // namespace kompetens::wire
