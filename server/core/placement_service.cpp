#include "server/core/placement_service.hpp"

#include "server/core/access_policy.hpp"
#include "server/core/calendar.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/ids.hpp"

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

std::vector<date_span> spans_of(std::vector<placement> const& list, std::string const& except_id)
{
    std::vector<date_span> out;
    for (auto const& p : list)
        if (p.id != except_id)
            out.push_back({p.starts_on, p.ends_on});
    return out;
}

failure stale()
{
    return failure{errc::conflict, "", "the placement changed since it was read; read it again"};
}

} // namespace

relation placement_service::relation_to_unit(principal const& p, std::string const& unit_id)
{
    auto const scope = directory_service{s_.directory, s_.audit, clock_}.managed_units(p);
    return std::find(scope.begin(), scope.end(), unit_id) != scope.end() ? relation::managed
                                                                         : relation::other;
}

relation placement_service::relation_to(principal const& p, placement const& pl)
{
    auto const r = relation_to_unit(p, pl.unit_id);
    if (r == relation::other && p.employee_id && p.employee_id == pl.supervisor_id)
        return relation::self;
    return r;
}

result<placement> placement_service::readable(principal const& p, std::string const& id, action a)
{
    if (!is_uuid(id))
        return not_found("placement");
    auto pl = s_.placements.find_placement(p.organisation_id, id);
    if (!pl)
        return not_found("placement");
    if (auto f = decide(p, a, p.organisation_id, relation_to(p, *pl)))
        return *f;
    return *pl;
}

placement_view placement_service::view_of(placement pl)
{
    placement_view v;
    if (auto l = s_.placements.find_learner(pl.organisation_id, pl.learner_id))
    {
        v.learner_given_name = l->given_name;
        v.learner_family_name = l->family_name;
    }
    v.notes = s_.placements.notes(pl.organisation_id, pl.id);
    v.hours = s_.placements.hours(pl.organisation_id, pl.id);
    for (auto const& h : v.hours)
        v.minutes_logged += h.minutes;
    v.p = std::move(pl);
    return v;
}

// --- registers ---

result<std::vector<education_provider>> placement_service::providers(principal const& p)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    return s_.placements.providers(p.organisation_id);
}

result<education_provider> placement_service::create_provider(principal const& p, education_provider v)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    if (v.name.empty() || v.name.size() > 200)
        return invalid("/name", "must be 1-200 characters");
    if (!is_provider_kind(v.kind))
        return invalid("/kind", "must be upper_secondary, adult_education, higher_vocational or other");
    v.organisation_id = p.organisation_id;
    v.created_at = clock_.now();
    v.id = new_uuid_v7(v.created_at);
    s_.placements.insert_provider(v);
    record(s_.audit, p, v.created_at, "education_provider.create", "education_provider", v.id);
    return v;
}

result<std::vector<education_programme>> placement_service::programmes(principal const& p)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    return s_.placements.programmes(p.organisation_id);
}

result<education_programme> placement_service::create_programme(principal const& p, education_programme v)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    if (v.name.empty() || v.name.size() > 200)
        return invalid("/name", "must be 1-200 characters");
    if (!is_programme_form(v.form))
        return invalid(
            "/form", "must be apl, adult_vocational, lia, apprenticeship, validation or internship"
        );
    if (!is_uuid(v.provider_id) || !s_.placements.find_provider(p.organisation_id, v.provider_id))
        return invalid("/provider_id", "no such provider");
    v.organisation_id = p.organisation_id;
    v.created_at = clock_.now();
    v.id = new_uuid_v7(v.created_at);
    s_.placements.insert_programme(v);
    record(s_.audit, p, v.created_at, "education_programme.create", "education_programme", v.id);
    return v;
}

result<std::vector<learner>> placement_service::learners(principal const& p)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    return s_.placements.learners(p.organisation_id);
}

result<learner> placement_service::create_learner(principal const& p, learner v)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    if (auto f = validate(v))
        return *f;
    if (!s_.placements.find_programme(p.organisation_id, v.programme_id))
        return invalid("/programme_id", "no such programme");
    v.organisation_id = p.organisation_id;
    v.employee_id.reset();
    v.created_at = clock_.now();
    v.id = new_uuid_v7(v.created_at);
    v.version = 1;
    s_.placements.insert_learner(v);
    record(s_.audit, p, v.created_at, "learner.create", "learner", v.id);
    return v;
}

result<learner> placement_service::link_learner(
    principal const& p, std::string const& learner_id, std::string const& employee_id
)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    auto l = is_uuid(learner_id) ? s_.placements.find_learner(p.organisation_id, learner_id) : std::nullopt;
    if (!l)
        return not_found("learner");
    if (!is_uuid(employee_id) || !s_.directory.find_employee(p.organisation_id, employee_id))
        return invalid("/employee_id", "no such employee");
    if (l->employee_id == employee_id)
        return *l;
    if (l->employee_id)
        return failure{errc::conflict, "/employee_id", "the learner is linked to another employee already"};
    if (s_.placements.learner_of_employee(p.organisation_id, employee_id))
        return failure{errc::conflict, "/employee_id", "the employee is linked to another learner already"};
    auto const expected = l->version;
    l->employee_id = employee_id;
    l->version = expected + 1;
    if (!s_.placements.update_learner(*l, expected))
        return failure{errc::conflict, "", "the learner changed meanwhile; try again"};
    record(s_.audit, p, clock_.now(), "learner.link", "learner", l->id);
    return *l;
}

// --- policy and capacity ---

result<placement_policy> placement_service::policy(principal const& p)
{
    if (auto f = decide(p, action::unit_read, p.organisation_id))
        return *f;
    return s_.placements.policy(p.organisation_id);
}

result<placement_policy>
placement_service::set_policy(principal const& p, placement_policy v, int expected_version)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    if (auto f = validate(v))
        return *f;
    for (std::size_t s = 0; s < v.step_courses.size(); ++s)
        for (std::size_t i = 0; i < v.step_courses[s].size(); ++i)
            if (!s_.training.find_course(p.organisation_id, v.step_courses[s][i]))
                return invalid(
                    "/steps/" + std::to_string(s) + "/course_ids/" + std::to_string(i), "no such course"
                );
    auto const current = s_.placements.policy(p.organisation_id);
    if (current.version != expected_version)
        return failure{errc::conflict, "", "the settings changed since they were read; read them again"};
    v.organisation_id = p.organisation_id;
    v.updated_at = clock_.now();
    v.updated_by = p.account_id;
    v.version = current.version + 1;
    if (!s_.placements.save_policy(v, expected_version))
        return failure{errc::conflict, "", "the settings changed since they were read; read them again"};
    record(s_.audit, p, v.updated_at, "placement.policy", "organisation", p.organisation_id);
    return v;
}

int placement_service::supervisor_capacity(
    std::string const& org, std::string const& employee_id, placement_policy const& pol
)
{
    return s_.placements.employee_capacity(org, employee_id).first.value_or(pol.default_supervisor_capacity);
}

result<int>
placement_service::set_unit_capacity(principal const& p, std::string const& unit_id, int max_students)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    if (!is_uuid(unit_id) || !s_.directory.find_unit(p.organisation_id, unit_id))
        return not_found("unit");
    if (max_students < 0 || max_students > 100)
        return invalid("/max_students", "must be 0-100");
    s_.placements.lock_capacity(p.organisation_id, unit_id, std::nullopt);
    auto const today = stockholm_today(clock_.now());
    auto const taken = s_.placements.occupying_unit(p.organisation_id, unit_id, {today, "9999-12-31"});
    if (peak_overlap(spans_of(taken, ""), {today, "9999-12-31"}) > max_students)
        return failure{
            errc::capacity_exceeded, "/max_students", "confirmed placements already need more than that"};
    s_.placements.set_unit_capacity(p.organisation_id, unit_id, max_students);
    record(s_.audit, p, clock_.now(), "placement.unit_capacity", "unit", unit_id);
    return max_students;
}

result<std::pair<std::optional<int>, std::optional<int>>> placement_service::set_employee_capacity(
    principal const& p,
    std::string const& employee_id,
    std::optional<int> max_students,
    std::optional<int> max_mentees
)
{
    if (auto f = decide(p, action::placement_admin, p.organisation_id))
        return *f;
    if (!is_uuid(employee_id) || !s_.directory.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    if (max_students && (*max_students < 0 || *max_students > 10))
        return invalid("/max_students", "must be 0-10, or null for the default");
    if (max_mentees && (*max_mentees < 0 || *max_mentees > 20))
        return invalid("/max_mentees", "must be 0-20, or null for the default");
    // A limit below what the person already has would be exceeded the day it is set.
    auto const pol = s_.placements.policy(p.organisation_id);
    auto const today = stockholm_today(clock_.now());
    date_span const ahead{today, "9999-12-31"};
    auto const students = s_.placements.occupying_supervisor(p.organisation_id, employee_id, ahead);
    if (peak_overlap(spans_of(students, ""), ahead) > max_students.value_or(pol.default_supervisor_capacity))
        return failure{
            errc::capacity_exceeded, "/max_students", "the person already supervises more than that"};
    std::vector<date_span> mentees;
    for (auto const& m : s_.mentorships.active_of_mentor(p.organisation_id, employee_id, ahead))
        mentees.push_back({m.starts_on, m.ends_on});
    if (peak_overlap(mentees, ahead) > max_mentees.value_or(pol.default_mentor_capacity))
        return failure{errc::capacity_exceeded, "/max_mentees", "the person already mentors more than that"};
    s_.placements.set_employee_capacity(p.organisation_id, employee_id, max_students, max_mentees);
    record(s_.audit, p, clock_.now(), "capacity.set", "employee", employee_id);
    return std::pair{max_students, max_mentees};
}

// --- the placement's life ---

result<placement_view> placement_service::request(principal const& p, placement v)
{
    // Units are known to everyone in the organisation, so a refusal here is 403, never 404.
    if (!p.has_any(role::hr | role::admin | role::education_coordinator | role::manager))
        return failure{errc::forbidden, "", "your roles do not allow this"};
    if (auto f = validate(v))
        return *f;
    if (!s_.directory.find_unit(p.organisation_id, v.unit_id))
        return invalid("/unit_id", "no such unit");
    if (decide(p, action::placement_manage, p.organisation_id, relation_to_unit(p, v.unit_id)))
        return failure{errc::forbidden, "/unit_id", "name a unit you manage"};
    auto const l = s_.placements.find_learner(p.organisation_id, v.learner_id);
    if (!l)
        return invalid("/learner_id", "no such learner");
    auto const programme = s_.placements.find_programme(p.organisation_id, l->programme_id);
    if (!programme)
        return invalid("/learner_id", "the learner's programme is gone");
    v.programme_id = programme->id;
    v.form = programme->form;
    if (v.form == "apprenticeship")
    {
        // Lärlingsanställning: the apprentice is employed, so the placement rests on that employment.
        if (!l->employee_id)
            return failure{
                errc::prerequisite_missing,
                "/learner_id",
                "an apprentice must be linked to their employee record first"};
        if (!v.employment_id)
            return failure{
                errc::prerequisite_missing, "/employment_id", "an apprenticeship needs its employment"};
        auto const e = s_.directory.find_employment(p.organisation_id, *v.employment_id);
        if (!e || e->employee_id != *l->employee_id)
            return invalid("/employment_id", "no such employment of the apprentice");
        if (e->form != "apprenticeship")
            return invalid("/employment_id", "the employment's form is not apprenticeship");
        if (!current_on(*e, v.starts_on))
            return invalid("/employment_id", "the employment does not cover the start of the placement");
    }
    else if (v.employment_id)
        return invalid("/employment_id", "only an apprenticeship has an employment");
    v.organisation_id = p.organisation_id;
    v.status = "requested";
    v.meeting_held_on.reset();
    v.created_at = clock_.now();
    v.updated_at = v.created_at;
    v.created_by = p.account_id;
    v.id = new_uuid_v7(v.created_at);
    v.version = 1;
    s_.placements.insert_placement(v);
    record(s_.audit, p, v.created_at, "placement.request", "placement", v.id);
    return view_of(std::move(v));
}

std::optional<failure>
placement_service::check_capacity(placement const& pl, std::string const& supervisor_id)
{
    auto const& org = pl.organisation_id;
    s_.placements.lock_capacity(org, pl.unit_id, supervisor_id);
    date_span const span{pl.starts_on, pl.ends_on};
    auto const unit_cap = s_.placements.unit_capacity(org, pl.unit_id).value_or(0);
    auto const unit_taken =
        peak_overlap(spans_of(s_.placements.occupying_unit(org, pl.unit_id, span), pl.id), span);
    if (unit_taken + 1 > unit_cap)
        return failure{
            errc::capacity_exceeded,
            "/unit_id",
            "the unit takes " + std::to_string(unit_cap) + " students at once and has " +
                std::to_string(unit_taken) + " in that period"};
    auto const pol = s_.placements.policy(org);
    auto const sup_cap = supervisor_capacity(org, supervisor_id, pol);
    auto const sup_taken =
        peak_overlap(spans_of(s_.placements.occupying_supervisor(org, supervisor_id, span), pl.id), span);
    if (sup_taken + 1 > sup_cap)
        return failure{
            errc::capacity_exceeded,
            "/supervisor_id",
            "the supervisor takes " + std::to_string(sup_cap) + " students at once and has " +
                std::to_string(sup_taken) + " in that period"};
    return std::nullopt;
}

result<placement_view>
placement_service::save(principal const& p, placement pl, int expected, std::string const& what)
{
    pl.updated_at = clock_.now();
    pl.version = expected + 1;
    if (!s_.placements.update_placement(pl, expected))
        return stale();
    record(s_.audit, p, pl.updated_at, "placement." + what, "placement", pl.id);
    return view_of(std::move(pl));
}

result<placement_view> placement_service::confirm(
    principal const& p, std::string const& id, std::optional<std::string> supervisor_id
)
{
    auto pl = readable(p, id, action::placement_manage);
    if (!pl)
        return pl.error();
    if (!may_move(pl->status, "confirmed"))
        return failure{errc::invalid_state, "", "only a requested placement can be confirmed"};
    if (supervisor_id)
        pl->supervisor_id = supervisor_id;
    if (!pl->supervisor_id)
        return invalid("/supervisor_id", "a confirmed placement names its supervisor");
    auto const& sup = *pl->supervisor_id;
    if (!is_uuid(sup) || !s_.directory.find_employee(p.organisation_id, sup))
        return invalid("/supervisor_id", "no such employee");
    // Supervision starts on the first day, or today for a placement already under way.
    auto const day = std::max(pl->starts_on, stockholm_today(clock_.now()));
    auto const units = s_.directory.current_units(p.organisation_id, sup, day);
    if (std::find(units.begin(), units.end(), pl->unit_id) == units.end())
        return failure{
            errc::prerequisite_missing, "/supervisor_id", "the supervisor does not work in the unit then"};
    auto const step = required_supervisor_step(pl->form);
    auto const missing = supervisor_missing(
        s_.placements.policy(p.organisation_id), s_.training.records_of(p.organisation_id, sup), step, day
    );
    if (!missing.empty())
        return failure{
            errc::prerequisite_missing,
            "/supervisor_id",
            "the supervisor lacks supervisor-training step " + std::to_string(step) + ": " + joined(missing)};
    if (auto f = check_capacity(*pl, sup))
        return *f;
    auto const expected = pl->version;
    pl->status = "confirmed";
    auto v = save(p, *pl, expected, "confirm");
    if (v)
    {
        notification n;
        n.organisation_id = p.organisation_id;
        n.kind = "placement.supervisor";
        n.subject_type = "placement";
        n.subject_id = pl->id;
        n.about_employee_id = sup;
        n.recipient_id = sup;
        n.on = pl->starts_on;
        n.dedupe_key = "placement.supervisor:" + pl->id + ":" + sup;
        n.created_at = clock_.now();
        n.id = new_uuid_v7(n.created_at);
        s_.notifications.insert_if_new(n);
    }
    return v;
}

result<placement_view> placement_service::start(principal const& p, std::string const& id)
{
    auto pl = readable(p, id, action::placement_read);
    if (!pl)
        return pl.error();
    if (!may_move(pl->status, "ongoing"))
        return failure{errc::invalid_state, "", "only a confirmed placement can start"};
    if (stockholm_today(clock_.now()) < pl->starts_on)
        return failure{errc::invalid_state, "", "the placement has not reached its first day"};
    auto const expected = pl->version;
    pl->status = "ongoing";
    return save(p, *pl, expected, "start");
}

result<placement_view> placement_service::meeting(
    principal const& p,
    std::string const& id,
    std::optional<std::string> planned_on,
    std::optional<std::string> held_on
)
{
    auto pl = readable(p, id, action::placement_read);
    if (!pl)
        return pl.error();
    if (pl->status == "completed" || pl->status == "cancelled")
        return failure{errc::invalid_state, "", "the placement is over"};
    if (!planned_on && !held_on)
        return invalid("/planned_on", "give planned_on, held_on or both");
    if (planned_on && !parse_iso_date(*planned_on))
        return invalid("/planned_on", "must be a date YYYY-MM-DD");
    if (held_on)
    {
        if (!parse_iso_date(*held_on))
            return invalid("/held_on", "must be a date YYYY-MM-DD");
        if (pl->status != "ongoing")
            return failure{errc::invalid_state, "/held_on", "the meeting is held during the placement"};
        if (*held_on > stockholm_today(clock_.now()) || *held_on < pl->starts_on)
            return invalid("/held_on", "must be a day of the placement up to today");
    }
    auto const expected = pl->version;
    if (planned_on)
        pl->meeting_planned_on = planned_on;
    if (held_on)
        pl->meeting_held_on = held_on;
    return save(p, *pl, expected, "meeting");
}

result<placement_view> placement_service::complete(principal const& p, std::string const& id)
{
    auto pl = readable(p, id, action::placement_read);
    if (!pl)
        return pl.error();
    if (!may_move(pl->status, "completed"))
        return failure{errc::invalid_state, "", "only an ongoing placement can be completed"};
    if (!pl->meeting_held_on)
        return failure{errc::invalid_state, "", "the tripartite meeting has not been held"};
    auto const expected = pl->version;
    pl->status = "completed";
    return save(p, *pl, expected, "complete");
}

result<placement_view> placement_service::cancel(principal const& p, std::string const& id)
{
    auto pl = readable(p, id, action::placement_manage);
    if (!pl)
        return pl.error();
    if (!may_move(pl->status, "cancelled"))
        return failure{errc::invalid_state, "", "a completed or cancelled placement cannot be cancelled"};
    auto const expected = pl->version;
    pl->status = "cancelled";
    return save(p, *pl, expected, "cancel");
}

// --- the supervisor's documentation ---

result<placement_note> placement_service::add_note(principal const& p, placement_note n)
{
    if (!is_uuid(n.id))
        return invalid("/note_id", "must be a UUID chosen by the client");
    auto pl = readable(p, n.placement_id, action::placement_read);
    if (!pl)
        return pl.error();
    if (!p.employee_id || p.employee_id != pl->supervisor_id)
        return failure{errc::forbidden, "", "the placement's supervisor writes its notes"};
    if (auto stored = s_.placements.find_note(p.organisation_id, n.id))
    {
        if (stored->placement_id != n.placement_id || stored->area != n.area ||
            stored->progress != n.progress || stored->written_on != n.written_on)
            return failure{errc::conflict, "/note_id", "another note has this id"};
        return *stored;
    }
    if (pl->status != "ongoing")
        return failure{errc::invalid_state, "", "notes are written during the placement"};
    if (!is_note_area(n.area))
        return invalid("/area", "must be one of the fixed areas");
    if (!is_note_progress(n.progress))
        return invalid("/progress", "must be not_yet, introduced, with_support or independently");
    if (!parse_iso_date(n.written_on) || n.written_on < pl->starts_on || n.written_on > pl->ends_on)
        return invalid("/written_on", "must be a day of the placement");
    n.organisation_id = p.organisation_id;
    n.author_id = *p.employee_id;
    n.created_at = clock_.now();
    s_.placements.insert_note(n);
    record(s_.audit, p, n.created_at, "placement.note", "placement", pl->id);
    return n;
}

result<placement_view> placement_service::record_hours(principal const& p, placement_hours h)
{
    auto pl = readable(p, h.placement_id, action::placement_read);
    if (!pl)
        return pl.error();
    if (pl->status != "ongoing")
        return failure{errc::invalid_state, "", "hours are logged during the placement"};
    if (!parse_iso_date(h.worked_on) || h.worked_on < pl->starts_on || h.worked_on > pl->ends_on ||
        h.worked_on > stockholm_today(clock_.now()))
        return invalid("/worked_on", "must be a day of the placement up to today");
    if (h.minutes < 0 || h.minutes > 24 * 60)
        return invalid("/hours", "must be 0-24");
    h.recorded_by = p.account_id;
    h.recorded_at = clock_.now();
    s_.placements.save_hours(p.organisation_id, h);
    record(s_.audit, p, h.recorded_at, "placement.hours", "placement", pl->id);
    return view_of(std::move(*pl));
}

// --- reads ---

result<placement_view> placement_service::get(principal const& p, std::string const& id)
{
    auto pl = readable(p, id, action::placement_read);
    if (!pl)
        return pl.error();
    return view_of(std::move(*pl));
}

result<std::vector<placement_view>> placement_service::in_unit(principal const& p, std::string const& unit_id)
{
    if (!is_uuid(unit_id) || !s_.directory.find_unit(p.organisation_id, unit_id))
        return not_found("unit");
    if (decide(p, action::placement_manage, p.organisation_id, relation_to_unit(p, unit_id)))
        return failure{errc::forbidden, "", "your roles do not allow this"};
    std::vector<placement_view> out;
    for (auto& pl :
         s_.placements.in_units(p.organisation_id, s_.directory.units_below(p.organisation_id, {unit_id})))
        out.push_back(view_of(std::move(pl)));
    return out;
}

result<std::vector<placement_view>> placement_service::mine(principal const& p)
{
    std::vector<placement_view> out;
    if (!p.employee_id)
        return out;
    for (auto& pl : s_.placements.of_supervisor(p.organisation_id, *p.employee_id))
        out.push_back(view_of(std::move(pl)));
    return out;
}

result<std::vector<unit_availability>>
placement_service::availability(principal const& p, date_span const& span)
{
    if (!parse_iso_date(span.from))
        return invalid("/from", "must be a date YYYY-MM-DD");
    if (!parse_iso_date(span.to) || span.to < span.from)
        return invalid("/to", "must be a date YYYY-MM-DD, not before from");
    bool const all = !decide(p, action::placement_admin, p.organisation_id);
    auto const scope = directory_service{s_.directory, s_.audit, clock_}.managed_units(p);
    if (!all && scope.empty())
        return failure{errc::forbidden, "", "your roles do not allow this"};
    auto const& org = p.organisation_id;
    auto const pol = s_.placements.policy(org);
    directory_service dir{s_.directory, s_.audit, clock_};
    std::vector<unit_availability> out;
    for (auto const& [unit_id, cap] : s_.placements.unit_capacities(org))
    {
        if (!all && std::find(scope.begin(), scope.end(), unit_id) == scope.end())
            continue;
        unit_availability a;
        a.unit_id = unit_id;
        a.capacity = cap;
        a.free = std::max(
            0, cap - peak_overlap(spans_of(s_.placements.occupying_unit(org, unit_id, span), ""), span)
        );
        for (auto const& e : dir.employed_in(org, unit_id, span.from))
        {
            auto const records = s_.training.records_of(org, e.id);
            int step = 0;
            for (int s = 1; s <= 2 && supervisor_missing(pol, records, s, span.from).empty(); ++s)
                step = s;
            if (step == 0)
                continue;
            auto const taken =
                peak_overlap(spans_of(s_.placements.occupying_supervisor(org, e.id, span), ""), span);
            auto const free = supervisor_capacity(org, e.id, pol) - taken;
            if (free > 0)
                a.supervisors.push_back({e.id, e.given_name, e.family_name, step, free});
        }
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace kompetens::core
