#include "server/core/training_service.hpp"

#include "server/core/calendar.hpp"
#include "server/core/credentials.hpp"
#include "server/core/ids.hpp"
#include "server/core/reminders.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace kompetens::core {

namespace {

} // namespace

std::string training_service::today() const
{
    return stockholm_today(clock_.now());
}

void training_service::note(principal const& p, std::string action, std::string type, std::string id)
{
    record(audit_, p, clock_.now(), std::move(action), std::move(type), std::move(id));
}

std::optional<failure> training_service::may_keep_catalogue(principal const& p) const
{
    if (p.has_any(role::admin | role::hr | role::education_coordinator))
        return std::nullopt;
    return failure{
        errc::forbidden, "", "the catalogue is kept by HR, education coordinators and administrators"};
}

std::optional<failure> training_service::may_act_for(principal const& p, std::string const& employee_id)
{
    if (!is_uuid(employee_id) || !directory_.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    if (p.has_any(role::admin | role::hr | role::education_coordinator))
        return std::nullopt;
    if (p.has(role::manager) && p.employee_id)
    {
        auto const scope = directory_.units_below(
            p.organisation_id, directory_.current_units(p.organisation_id, *p.employee_id, today())
        );
        for (auto const& u : directory_.current_units(p.organisation_id, employee_id, today()))
            if (std::find(scope.begin(), scope.end(), u) != scope.end())
                return std::nullopt;
    }
    return not_found("employee");
}

result<course> training_service::create_course(principal const& p, course c, course_version first)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    if (auto f = validate(c))
        return *f;
    if (auto f = validate(first))
        return *f;
    auto const now = clock_.now();
    c.organisation_id = p.organisation_id;
    c.created_at = now;
    c.id = new_uuid_v7(now);
    c.status = "published";
    c.version = 1;
    if (!store_.insert_course(c))
        return failure{errc::conflict, "/code", "a course with this code exists"};
    first.id = new_uuid_v7(now);
    first.course_id = c.id;
    first.organisation_id = p.organisation_id;
    first.number = 1;
    first.published_at = now;
    store_.insert_course_version(first);
    note(p, "course.create", "course", c.id);
    return c;
}

result<course_version>
training_service::publish_version(principal const& p, std::string const& course_id, course_version v)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    auto c = is_uuid(course_id) ? store_.find_course(p.organisation_id, course_id) : std::nullopt;
    if (!c)
        return not_found("course");
    if (c->status == "retired")
        return failure{errc::conflict, "", "the course is retired"};
    if (auto f = validate(v))
        return *f;
    auto const now = clock_.now();
    auto const prev = store_.current_version(p.organisation_id, course_id);
    v.id = new_uuid_v7(now);
    v.course_id = course_id;
    v.organisation_id = p.organisation_id;
    v.number = prev ? prev->number + 1 : 1;
    v.published_at = now;
    store_.insert_course_version(v);
    note(p, "course.version_publish", "course", course_id);
    // Records keep the version they were completed under; statuses are refreshed for the new window only.
    recompute_organisation(p.organisation_id);
    return v;
}

result<course> training_service::retire_course(principal const& p, std::string const& course_id)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    auto c = is_uuid(course_id) ? store_.find_course(p.organisation_id, course_id) : std::nullopt;
    if (!c)
        return not_found("course");
    store_.set_course_status(p.organisation_id, course_id, "retired");
    for (auto const& r : store_.active_rules(p.organisation_id))
        if (r.course_id == course_id)
            store_.deactivate_rule(p.organisation_id, r.id);
    note(p, "course.retire", "course", course_id);
    recompute_organisation(p.organisation_id);
    c->status = "retired";
    return *c;
}

result<std::vector<course>> training_service::list_courses(principal const& p)
{
    return store_.list_courses(p.organisation_id);
}

result<requirement_rule> training_service::create_rule(principal const& p, requirement_rule r)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    if (auto f = validate(r))
        return *f;
    auto c = is_uuid(r.course_id) ? store_.find_course(p.organisation_id, r.course_id) : std::nullopt;
    if (!c || c->status != "published")
        return invalid("/course_id", "no such published course in this organisation");
    if (r.scope_kind == "unit" &&
        (!is_uuid(r.scope_value) || !directory_.find_unit(p.organisation_id, r.scope_value)))
        return invalid("/scope_value", "no such unit in this organisation");
    if (r.scope_kind == "unit_kind" && !is_unit_kind(r.scope_value))
        return invalid("/scope_value", "is not a unit kind");
    if (r.scope_kind == "profession" && !is_profession(r.scope_value))
        return invalid("/scope_value", "is not a profession code");
    if (r.scope_kind == "delegation_task" &&
        (!is_uuid(r.scope_value) || !store_.delegation_task_exists(p.organisation_id, r.scope_value)))
        return invalid("/scope_value", "no such delegation task in this organisation");
    auto const now = clock_.now();
    r.id = new_uuid_v7(now);
    r.organisation_id = p.organisation_id;
    r.created_at = now;
    r.active = true;
    store_.insert_rule(r);
    note(p, "rule.create", "rule", r.id);
    // Existing staff receive the new requirement too, not only new hires.
    recompute_organisation(p.organisation_id);
    return r;
}

result<requirement_rule> training_service::deactivate_rule(principal const& p, std::string const& rule_id)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    auto r = is_uuid(rule_id) ? store_.find_rule(p.organisation_id, rule_id) : std::nullopt;
    if (!r)
        return not_found("rule");
    if (r->active)
    {
        store_.deactivate_rule(p.organisation_id, rule_id);
        note(p, "rule.deactivate", "rule", rule_id);
        recompute_organisation(p.organisation_id);
    }
    r->active = false;
    return *r;
}

result<std::vector<requirement_rule>> training_service::list_rules(principal const& p)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    return store_.active_rules(p.organisation_id);
}

result<std::vector<assignment>> training_service::assign(
    principal const& p,
    std::vector<std::string> const& employee_ids,
    std::string const& course_id,
    std::string const& due_date,
    std::string const& note_text
)
{
    if (employee_ids.empty() || employee_ids.size() > 500)
        return invalid("/employee_ids", "must name 1-500 people");
    auto c = is_uuid(course_id) ? store_.find_course(p.organisation_id, course_id) : std::nullopt;
    if (!c || c->status != "published")
        return invalid("/course_id", "no such published course in this organisation");
    if (!parse_iso_date(due_date))
        return invalid("/due_date", "must be a date YYYY-MM-DD");
    if (note_text.size() > 500)
        return invalid("/note", "is longer than 500 bytes");
    for (std::size_t i = 0; i < employee_ids.size(); ++i)
        if (may_act_for(p, employee_ids[i]))
            return failure{
                errc::validation_failed,
                "/employee_ids/" + std::to_string(i),
                "no such employee among those you manage"};
    std::vector<assignment> made;
    auto const now = clock_.now();
    for (auto const& emp : employee_ids)
    {
        auto const existing = store_.active_assignments(p.organisation_id, emp);
        if (std::any_of(existing.begin(), existing.end(), [&](auto const& a) {
                return a.course_id == course_id;
            }))
            continue; // already required: one active assignment per person and course
        assignment a;
        a.id = new_uuid_v7(now);
        a.organisation_id = p.organisation_id;
        a.employee_id = emp;
        a.course_id = course_id;
        a.source = "manager";
        a.assigned_by = p.account_id;
        a.assigned_at = now;
        a.due_date = due_date;
        a.note = note_text;
        store_.insert_assignment(a);
        note(p, "assignment.create", "employee", emp);
        recompute_person(p.organisation_id, emp);
        made.push_back(a);
    }
    return made;
}

result<exemption> training_service::exempt(principal const& p, exemption e)
{
    if (auto f = may_act_for(p, e.employee_id))
        return *f;
    if (!is_uuid(e.course_id) || !store_.find_course(p.organisation_id, e.course_id))
        return invalid("/course_id", "no such course in this organisation");
    if (e.reason.empty() || e.reason.size() > 500)
        return invalid("/reason", "is required and at most 500 bytes");
    if (e.until && !parse_iso_date(*e.until))
        return invalid("/until", "must be a date YYYY-MM-DD");
    auto const now = clock_.now();
    e.id = new_uuid_v7(now);
    e.organisation_id = p.organisation_id;
    e.granted_by = p.account_id;
    e.created_at = now;
    store_.insert_exemption(e);
    note(p, "exemption.create", "employee", e.employee_id);
    recompute_person(p.organisation_id, e.employee_id);
    return e;
}

result<training_record> training_service::record_completion(principal const& p, training_record r)
{
    bool const self = p.employee_id && *p.employee_id == r.employee_id;
    if (!self)
    {
        if (auto f = may_act_for(p, r.employee_id))
            return *f;
    }
    auto c = is_uuid(r.course_id) ? store_.find_course(p.organisation_id, r.course_id) : std::nullopt;
    if (!c)
        return invalid("/course_id", "no such course in this organisation");
    if (!parse_iso_date(r.completed_on))
        return invalid("/completed_on", "must be a date YYYY-MM-DD");
    if (r.completed_on > today())
        return invalid("/completed_on", "lies in the future");
    auto const v = store_.current_version(p.organisation_id, r.course_id);
    if (!v)
        return invalid("/course_id", "the course has no published version");
    if (r.score && (*r.score < 0 || *r.score > 100))
        return invalid("/score", "must be between 0 and 100");
    if (v->passing_score && (!r.score || *r.score < *v->passing_score))
        return invalid("/score", "is below the passing score of this course");
    if (r.certificate_sha256 && !store_.find_certificate(p.organisation_id, *r.certificate_sha256))
        return invalid("/certificate_sha256", "no such uploaded certificate in this organisation");
    auto const now = clock_.now();
    if (r.id.empty()) // a phone mints the id of what it reports offline; the REST API leaves it to us
        r.id = new_uuid_v7(now);
    r.organisation_id = p.organisation_id;
    r.course_version_id = v->id;
    r.valid_until = valid_until_for(r.completed_on, *v);
    r.created_at = now;
    // Nobody attests their own training: a person's own report waits for someone else's attestation.
    r.attested = !self;
    r.attested_by = self ? std::nullopt : std::optional{p.account_id};
    r.source = r.certificate_sha256 ? "external_certificate" : self ? "self_report" : "attested";
    store_.insert_record(r);
    note(p, self ? "training.self_report" : "training.record", "employee", r.employee_id);
    recompute_person(p.organisation_id, r.employee_id);
    return r;
}

result<training_record> training_service::attest(principal const& p, std::string const& record_id)
{
    auto r = is_uuid(record_id) ? store_.find_record(p.organisation_id, record_id) : std::nullopt;
    if (!r)
        return not_found("record");
    if (p.employee_id && *p.employee_id == r->employee_id)
        return failure{errc::forbidden, "", "nobody attests their own training"};
    if (auto f = may_act_for(p, r->employee_id))
        return *f;
    if (!r->attested)
    {
        store_.mark_attested(r->id, p.account_id);
        note(p, "training.attest", "employee", r->employee_id);
        recompute_person(p.organisation_id, r->employee_id);
        r->attested = true;
        r->attested_by = p.account_id;
    }
    return *r;
}

result<certificate> training_service::upload_certificate(
    principal const& p, std::string const& content_type, std::string const& bytes
)
{
    if (auto f = validate_certificate(content_type, bytes))
        return *f;
    certificate c;
    c.organisation_id = p.organisation_id;
    c.sha256 = token_digest(bytes);
    c.content_type = *sniff_certificate_type(bytes);
    c.size_bytes = static_cast<long long>(bytes.size());
    c.uploaded_by = p.account_id;
    c.uploaded_at = clock_.now();
    if (store_.insert_certificate(c, to_base64(bytes)))
        note(p, "certificate.upload", "certificate", c.sha256);
    return store_.find_certificate(p.organisation_id, c.sha256).value_or(c);
}

result<std::pair<certificate, std::string>>
training_service::certificate_of(principal const& p, std::string const& record_id)
{
    auto r = is_uuid(record_id) ? store_.find_record(p.organisation_id, record_id) : std::nullopt;
    if (!r)
        return not_found("record");
    bool const self = p.employee_id && *p.employee_id == r->employee_id;
    if (!self)
        if (auto f = may_act_for(p, r->employee_id))
            return not_found("record");
    if (!r->certificate_sha256)
        return not_found("certificate");
    auto c = store_.find_certificate(p.organisation_id, *r->certificate_sha256);
    auto data = store_.certificate_data(p.organisation_id, *r->certificate_sha256);
    auto bytes = data ? from_base64(*data) : std::nullopt;
    if (!c || !bytes)
        return not_found("certificate");
    note(p, "certificate.read", "employee", r->employee_id);
    return std::pair{*c, *bytes};
}

result<std::vector<my_requirement>> training_service::my_training(principal const& p)
{
    if (!p.employee_id)
        return std::vector<my_requirement>{};
    std::vector<my_requirement> out;
    auto statuses = store_.statuses_of(p.organisation_id, *p.employee_id);
    if (statuses.empty())
        return out;
    // The catalogue in one query rather than one lookup per row: a person with 50 requirements cost 50
    // round trips on every open of the phone's training list (BENCHMARKS.md, B2).
    std::unordered_map<std::string, course> courses;
    for (auto& c : store_.list_courses(p.organisation_id))
    {
        auto id = c.id;
        courses.emplace(std::move(id), std::move(c));
    }
    for (auto& s : statuses)
        if (auto it = courses.find(s.course_id); it != courses.end())
            out.push_back(my_requirement{it->second, std::move(s)});
    return out;
}

result<std::vector<requirement_status>>
training_service::unit_matrix(principal const& p, std::string const& unit_id)
{
    if (!is_uuid(unit_id) || !directory_.find_unit(p.organisation_id, unit_id))
        return not_found("unit");
    if (!p.has_any(role::admin | role::hr | role::education_coordinator))
    {
        bool in_scope = false;
        if (p.has(role::manager) && p.employee_id)
        {
            auto const scope = directory_.units_below(
                p.organisation_id, directory_.current_units(p.organisation_id, *p.employee_id, today())
            );
            in_scope = std::find(scope.begin(), scope.end(), unit_id) != scope.end();
        }
        if (!in_scope)
            return failure{
                errc::forbidden, "", "the matrix is for the unit's manager, HR and administrators"};
    }
    return store_.statuses_in_unit(p.organisation_id, unit_id, today());
}

result<std::vector<requirement_status>> training_service::expiring(principal const& p, int within_days)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    if (within_days < 0 || within_days > 365)
        return invalid("within_days", "must be between 0 and 365");
    return store_.expiring_between(p.organisation_id, today(), add_days(today(), within_days));
}

result<std::vector<requirement_status>> training_service::overdue(principal const& p)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    return store_.overdue_on(p.organisation_id, today());
}

result<std::vector<summary_cell>> training_service::summary(principal const& p)
{
    if (auto f = may_keep_catalogue(p))
        return *f;
    return summarise(store_.status_counts(p.organisation_id, today()));
}

void training_service::recompute_person(std::string const& org, std::string const& employee_id)
{
    auto const day = today();
    std::map<std::string, std::string> kind_of_unit;
    auto unit_kind = [&](std::string const& id) -> std::string const& {
        auto it = kind_of_unit.find(id);
        if (it == kind_of_unit.end())
        {
            auto u = directory_.find_unit(org, id);
            it = kind_of_unit.emplace(id, u ? u->kind : "").first;
        }
        return it->second;
    };
    std::vector<employment> current;
    for (auto const& e : directory_.employments_of(org, employee_id))
        if (current_on(e, day))
            current.push_back(e);

    // What the rules require now: course → (rule, due date), the earliest due date winning.
    std::map<std::string, std::pair<std::string, std::string>> desired;
    std::optional<std::vector<std::string>> held; // delegation tasks, read once and only if a rule asks
    for (auto const& r : store_.active_rules(org))
    {
        if (r.scope_kind == "delegation_task")
        {
            if (!held)
                held = store_.held_delegation_tasks(org, employee_id, clock_.now());
            if (current.empty() || std::find(held->begin(), held->end(), r.scope_value) == held->end())
                continue;
            auto const rule_day = stockholm_today(r.created_at);
            auto const due = add_days(std::max(current.front().start_date, rule_day), r.due_days);
            auto it = desired.find(r.course_id);
            if (it == desired.end() || due < it->second.second)
                desired[r.course_id] = {r.id, due};
            continue;
        }
        for (auto const& e : current)
        {
            bool match = false;
            if (r.scope_kind == "organisation")
                match = true;
            else if (r.scope_kind == "profession")
                match = e.profession == r.scope_value;
            else if (r.scope_kind == "employment_form")
                match = e.form == r.scope_value;
            else if (r.scope_kind == "unit")
                match = std::find(e.unit_ids.begin(), e.unit_ids.end(), r.scope_value) != e.unit_ids.end();
            else if (r.scope_kind == "unit_kind")
                match = std::any_of(e.unit_ids.begin(), e.unit_ids.end(), [&](auto const& u) {
                    return unit_kind(u) == r.scope_value;
                });
            if (!match)
                continue;
            auto const rule_day = stockholm_today(r.created_at);
            auto const due = add_days(std::max(e.start_date, rule_day), r.due_days);
            auto it = desired.find(r.course_id);
            if (it == desired.end() || due < it->second.second)
                desired[r.course_id] = {r.id, due};
        }
    }

    auto const now = clock_.now();
    auto active = store_.active_assignments(org, employee_id);
    std::vector<assignment> kept;
    for (auto const& a : active)
    {
        if (a.source == "rule" && !desired.count(a.course_id))
            store_.cancel_assignment(a.id, now); // no longer applies; the history stays
        else
            kept.push_back(a);
    }
    for (auto const& [course_id, rule_due] : desired)
    {
        if (std::any_of(kept.begin(), kept.end(), [&](auto const& a) { return a.course_id == course_id; }))
            continue;
        assignment a;
        a.id = new_uuid_v7(now);
        a.organisation_id = org;
        a.employee_id = employee_id;
        a.course_id = course_id;
        a.source = "rule";
        a.rule_id = rule_due.first;
        a.assigned_by = "rules";
        a.assigned_at = now;
        a.due_date = rule_due.second;
        store_.insert_assignment(a);
        kept.push_back(a);
    }

    // The status of every course the person is held to: assigned or exempted.
    auto const records = store_.records_of(org, employee_id);
    auto const exemptions = store_.exemptions_of(org, employee_id);
    std::set<std::string> courses;
    for (auto const& a : kept)
        courses.insert(a.course_id);
    for (auto const& e : exemptions)
        courses.insert(e.course_id);
    std::vector<requirement_status> rows;
    for (auto const& course_id : courses)
    {
        status_inputs in;
        for (auto const& a : kept)
            if (a.course_id == course_id &&
                (!in.active_assignment || a.due_date < in.active_assignment->due_date))
                in.active_assignment = a;
        for (auto const& r : records)
            if (r.course_id == course_id &&
                (!in.latest_record || r.completed_on > in.latest_record->completed_on ||
                 (r.completed_on == in.latest_record->completed_on &&
                  r.created_at > in.latest_record->created_at)))
                in.latest_record = r;
        if (in.latest_record)
            in.record_version = store_.find_course_version(org, in.latest_record->course_version_id);
        for (auto const& e : exemptions)
            if (e.course_id == course_id && (!e.until || *e.until >= day))
                in.active_exemption = e;
        in.progress_started = !store_.modules_done(org, employee_id, course_id).empty();
        requirement_status s;
        s.organisation_id = org;
        s.employee_id = employee_id;
        s.course_id = course_id;
        s.state = judge(in, day);
        if (in.active_assignment)
            s.due_date = in.active_assignment->due_date;
        if (in.latest_record)
            s.valid_until = in.latest_record->valid_until;
        rows.push_back(s);
    }
    std::vector<std::string> units;
    for (auto const& e : current)
        units.insert(units.end(), e.unit_ids.begin(), e.unit_ids.end());
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
    auto const who = directory_.find_employee(org, employee_id);
    store_.replace_statuses(org, employee_id, rows, who && who->gender ? *who->gender : std::string(), units);
    for (auto const& s : rows)
        remind(s, day);
}

void training_service::remind(requirement_status const& s, std::string const& day)
{
    auto const r = training_reminder(s, day);
    if (!r)
        return;
    auto const now = clock_.now();
    notification n;
    n.id = new_uuid_v7(now);
    n.organisation_id = s.organisation_id;
    n.recipient_id = s.employee_id;
    n.kind = r->kind;
    n.subject_type = "course";
    n.subject_id = s.course_id;
    n.about_employee_id = s.employee_id;
    n.on = r->on;
    n.dedupe_key = r->key;
    n.created_at = now;
    if (!outbox_.insert_if_new(n))
        return; // already reminded: a recompute never repeats a reminder
    // Managers hear about what needs acting on soon, not every early reminder.
    if (r->kind == "training.due_30" || r->kind == "training.due_14")
        return;
    for (auto const& manager : directory_.managers_of(s.organisation_id, s.employee_id, day))
    {
        n.id = new_uuid_v7(now);
        n.recipient_id = manager;
        outbox_.insert_if_new(n);
    }
}

void training_service::recompute_organisation(std::string const& org)
{
    for (auto const& emp : store_.people_to_recompute(org, today()))
        recompute_person(org, emp);
}

} // namespace kompetens::core
