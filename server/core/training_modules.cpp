// Course content as a learner meets it: modules (reading, video, quiz, practical), quiz attempts scored
// here with the answer key kept on the server, practical sign-off, and the completion that follows when
// every module of the course is done. Part of training_service, split out by concern.
#include "server/core/calendar.hpp"
#include "server/core/ids.hpp"
#include "server/core/training_service.hpp"

#include <algorithm>

namespace kompetens::core {

result<course_module> training_service::add_module(principal const& p, course_module m)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    auto c = is_uuid(m.course_id) ? store_.find_course(p.organisation_id, m.course_id) : std::nullopt;
    if (!c)
        return not_found("course");
    if (auto f = validate(m))
        return *f;
    auto const now = clock_.now();
    m.id = new_uuid_v7(now);
    m.organisation_id = p.organisation_id;
    m.position = static_cast<int>(store_.modules_of(p.organisation_id, m.course_id).size()) + 1;
    m.created_at = now;
    store_.insert_module(m);
    note(p, "module.create", "course", m.course_id);
    return m;
}

result<std::vector<course_module>>
training_service::modules_for_learner(principal const& p, std::string const& course_id)
{
    if (!is_uuid(course_id) || !store_.find_course(p.organisation_id, course_id))
        return not_found("course");
    auto mods = store_.modules_of(p.organisation_id, course_id);
    for (auto& m : mods)
        for (auto& q : m.questions)
            q.correct = -1; // the key never leaves the server
    return mods;
}

bool training_service::finish_if_complete(
    principal const& p, std::string const& employee_id, std::string const& course_id
)
{
    auto const mods = store_.modules_of(p.organisation_id, course_id);
    auto const done = store_.modules_done(p.organisation_id, employee_id, course_id);
    for (auto const& m : mods)
        if (std::find(done.begin(), done.end(), m.id) == done.end())
        {
            recompute_person(p.organisation_id, employee_id); // progress shows as in_progress
            return false;
        }
    auto const v = store_.current_version(p.organisation_id, course_id);
    if (!v)
        return false;
    training_record r;
    auto const now = clock_.now();
    r.id = new_uuid_v7(now);
    r.organisation_id = p.organisation_id;
    r.employee_id = employee_id;
    r.course_id = course_id;
    r.course_version_id = v->id;
    r.completed_on = today();
    r.valid_until = valid_until_for(r.completed_on, *v);
    r.source = "module";
    // Scored quizzes and attested sign-offs are verified here; nothing was taken on the learner's word.
    r.attested = true;
    r.attested_by = "modules";
    r.created_at = now;
    store_.insert_record(r);
    store_.clear_modules_done(p.organisation_id, employee_id, course_id);
    note(p, "training.complete_by_modules", "employee", employee_id);
    recompute_person(p.organisation_id, employee_id);
    return true;
}

result<training_service::attempt_outcome> training_service::submit_attempt(
    principal const& p, std::string const& module_id, std::vector<int> const& answers, std::string attempt_id
)
{
    if (!p.employee_id)
        return failure{errc::forbidden, "", "only an employee takes a quiz"};
    auto m = is_uuid(module_id) ? store_.find_module(p.organisation_id, module_id) : std::nullopt;
    if (!m)
        return not_found("module");
    if (m->kind != "quiz")
        return failure{errc::validation_failed, "", "this module is not a quiz"};
    if (answers.size() != m->questions.size())
        return invalid("/answers", "must give one answer per question");
    attempt_outcome out;
    out.score = score_quiz(m->questions, answers);
    out.passed = out.score >= m->passing_score.value_or(100);
    std::string text;
    for (auto a : answers)
        text += (text.empty() ? "" : ",") + std::to_string(a);
    auto const now = clock_.now();
    if (attempt_id.empty())
        attempt_id = new_uuid_v7(now);
    store_.insert_attempt(
        attempt_id, p.organisation_id, *p.employee_id, m->id, text, out.score, out.passed, now
    );
    note(p, out.passed ? "quiz.passed" : "quiz.failed", "module", m->id);
    if (out.passed)
        store_.mark_module_done(p.organisation_id, *p.employee_id, m->id, now);
    out.course_completed = out.passed && finish_if_complete(p, *p.employee_id, m->course_id);
    return out;
}

result<training_service::attempt_outcome>
training_service::complete_module(principal const& p, std::string const& module_id)
{
    if (!p.employee_id)
        return failure{errc::forbidden, "", "only an employee completes a module"};
    auto m = is_uuid(module_id) ? store_.find_module(p.organisation_id, module_id) : std::nullopt;
    if (!m)
        return not_found("module");
    if (m->kind != "reading" && m->kind != "video")
        return failure{
            errc::validation_failed, "", "a quiz is passed and a practical task signed off, not marked done"};
    store_.mark_module_done(p.organisation_id, *p.employee_id, m->id, clock_.now());
    attempt_outcome out;
    out.score = 100;
    out.passed = true;
    out.course_completed = finish_if_complete(p, *p.employee_id, m->course_id);
    return out;
}

result<training_service::attempt_outcome>
training_service::sign_off(principal const& p, std::string const& module_id, std::string const& employee_id)
{
    auto m = is_uuid(module_id) ? store_.find_module(p.organisation_id, module_id) : std::nullopt;
    if (!m)
        return not_found("module");
    if (m->kind != "practical")
        return failure{errc::validation_failed, "", "only a practical task is signed off"};
    if (p.employee_id == employee_id)
        return failure{errc::forbidden, "", "nobody signs off their own practical task"};
    if (auto f = may_act_for(p, employee_id))
        return *f;
    store_.mark_module_done(p.organisation_id, employee_id, m->id, clock_.now());
    note(p, "module.sign_off", "employee", employee_id);
    attempt_outcome out;
    out.score = 100;
    out.passed = true;
    out.course_completed = finish_if_complete(p, employee_id, m->course_id);
    return out;
}

} // namespace kompetens::core
