#include "server/storage/placement_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

#include <algorithm>

namespace kompetens::storage {

namespace {

constexpr char const* placement_columns =
    "select id, organisation_id, learner_id, programme_id, form, unit_id, starts_on, ends_on, required_hours,"
    " required_weeks, supervisor_id, employment_id, status, meeting_planned_on, meeting_held_on, created_at,"
    " created_by, updated_at, version from placement";

core::placement to_placement(soci::row const& r)
{
    core::placement p;
    p.id = text_at(r, 0);
    p.organisation_id = text_at(r, 1);
    p.learner_id = text_at(r, 2);
    p.programme_id = text_at(r, 3);
    p.form = text_at(r, 4);
    p.unit_id = text_at(r, 5);
    p.starts_on = text_at(r, 6);
    p.ends_on = text_at(r, 7);
    p.required_hours = opt_int_at(r, 8);
    p.required_weeks = opt_int_at(r, 9);
    p.supervisor_id = opt_text_at(r, 10);
    p.employment_id = opt_text_at(r, 11);
    p.status = text_at(r, 12);
    p.meeting_planned_on = opt_text_at(r, 13);
    p.meeting_held_on = opt_text_at(r, 14);
    p.created_at = int64_at(r, 15);
    p.created_by = text_at(r, 16);
    p.updated_at = int64_at(r, 17);
    p.version = int_at(r, 18);
    return p;
}

constexpr char const* learner_columns =
    "select id, organisation_id, given_name, family_name, programme_id, employee_id, created_at, version"
    " from learner";

core::learner to_learner(soci::row const& r)
{
    core::learner l;
    l.id = text_at(r, 0);
    l.organisation_id = text_at(r, 1);
    l.given_name = text_at(r, 2);
    l.family_name = text_at(r, 3);
    l.programme_id = text_at(r, 4);
    l.employee_id = opt_text_at(r, 5);
    l.created_at = int64_at(r, 6);
    l.version = int_at(r, 7);
    return l;
}

core::education_provider to_provider(soci::row const& r)
{
    return {text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), int64_at(r, 4)};
}

core::education_programme to_programme(soci::row const& r)
{
    return {text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), int64_at(r, 5)};
}

core::placement_note to_note(soci::row const& r)
{
    return {
        text_at(r, 0),
        text_at(r, 1),
        text_at(r, 2),
        text_at(r, 3),
        text_at(r, 4),
        text_at(r, 5),
        text_at(r, 6),
        int64_at(r, 7)};
}

constexpr char const* note_columns =
    "select id, organisation_id, placement_id, written_on, area, progress, author_id, created_at"
    " from placement_note";

} // namespace

std::vector<core::placement>
placement_repository::query(std::string const& where, std::vector<std::string> const& params)
{
    std::vector<core::placement> out;
    auto st = (sql_.prepare << placement_columns << " where " << where);
    for (auto const& p : params)
        st, soci::use(p);
    soci::rowset<soci::row> rows(st);
    for (auto const& r : rows)
        out.push_back(to_placement(r));
    return out;
}

void placement_repository::insert_provider(core::education_provider const& p)
{
    long long const at = p.created_at;
    sql_ << "insert into education_provider (id, organisation_id, name, kind, created_at)"
            " values (:id, :o, :n, :k, :at)",
        soci::use(p.id), soci::use(p.organisation_id), soci::use(p.name), soci::use(p.kind), soci::use(at);
}

std::vector<core::education_provider> placement_repository::providers(std::string const& org)
{
    std::vector<core::education_provider> out;
    query_rows rows{
        sql_,
        "select id, organisation_id, name, kind, created_at from education_provider"
        " where organisation_id = :o order by name, id",
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(to_provider(r));
    return out;
}

std::optional<core::education_provider>
placement_repository::find_provider(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        "select id, organisation_id, name, kind, created_at from education_provider"
        " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_provider(r);
    return std::nullopt;
}

void placement_repository::insert_programme(core::education_programme const& p)
{
    long long const at = p.created_at;
    sql_ << "insert into education_programme (id, organisation_id, provider_id, name, form, created_at)"
            " values (:id, :o, :p, :n, :f, :at)",
        soci::use(p.id), soci::use(p.organisation_id), soci::use(p.provider_id), soci::use(p.name),
        soci::use(p.form), soci::use(at);
}

std::vector<core::education_programme> placement_repository::programmes(std::string const& org)
{
    std::vector<core::education_programme> out;
    query_rows rows{
        sql_,
        "select id, organisation_id, provider_id, name, form, created_at from education_programme"
        " where organisation_id = :o order by name, id",
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(to_programme(r));
    return out;
}

std::optional<core::education_programme>
placement_repository::find_programme(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        "select id, organisation_id, provider_id, name, form, created_at from education_programme"
        " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_programme(r);
    return std::nullopt;
}

void placement_repository::insert_learner(core::learner const& l)
{
    long long const at = l.created_at;
    nullable_text employee{l.employee_id};
    sql_ << "insert into learner (id, organisation_id, given_name, family_name, programme_id, employee_id,"
            " created_at, version) values (:id, :o, :g, :f, :p, :e, :at, :v)",
        soci::use(l.id), soci::use(l.organisation_id), soci::use(l.given_name), soci::use(l.family_name),
        soci::use(l.programme_id), soci::use(employee.value, employee.ind), soci::use(at),
        soci::use(l.version);
}

std::optional<core::learner> placement_repository::find_learner(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(learner_columns) + " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_learner(r);
    return std::nullopt;
}

std::optional<core::learner>
placement_repository::learner_of_employee(std::string const& org, std::string const& employee_id)
{
    query_rows rows{
        sql_,
        std::string(learner_columns) + " where organisation_id = :o and employee_id = :e",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : rows)
        return to_learner(r);
    return std::nullopt;
}

std::vector<core::learner> placement_repository::learners(std::string const& org)
{
    std::vector<core::learner> out;
    query_rows rows{
        sql_,
        std::string(learner_columns) + " where organisation_id = :o order by family_name, given_name, id",
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(to_learner(r));
    return out;
}

bool placement_repository::update_learner(core::learner const& l, int expected_version)
{
    nullable_text employee{l.employee_id};
    int const version = l.version;
    soci::statement st =
        (sql_.prepare << "update learner set employee_id = :e, version = :v"
                         " where organisation_id = :o and id = :id and version = :x",
         soci::use(employee.value, employee.ind),
         soci::use(version),
         soci::use(l.organisation_id),
         soci::use(l.id),
         soci::use(expected_version));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

void placement_repository::lock_capacity(
    std::string const& org, std::string const& unit_id, std::optional<std::string> const& supervisor_id
)
{
    if (!postgres_)
        return; // SQLite: `begin immediate` made this the only writer already
    // Always the unit first, then the person: two confirmations never wait on each other in a cycle.
    int n = 0;
    sql_ << "select count(*) from (select id from unit where organisation_id = :o and id = :u for update) x",
        soci::into(n), soci::use(org), soci::use(unit_id);
    if (supervisor_id)
        sql_ << "select count(*) from (select id from employee where organisation_id = :o and id = :e for "
                "update) x",
            soci::into(n), soci::use(org), soci::use(*supervisor_id);
}

void placement_repository::insert_placement(core::placement const& p)
{
    nullable_int hours{p.required_hours};
    nullable_int weeks{p.required_weeks};
    nullable_text sup{p.supervisor_id};
    nullable_text emp{p.employment_id};
    nullable_text planned{p.meeting_planned_on};
    nullable_text held{p.meeting_held_on};
    long long const created = p.created_at;
    long long const updated = p.updated_at;
    sql_ << "insert into placement (id, organisation_id, learner_id, programme_id, form, unit_id, starts_on,"
            " ends_on, required_hours, required_weeks, supervisor_id, employment_id, status, "
            "meeting_planned_on,"
            " meeting_held_on, created_at, created_by, updated_at, version) values (:id, :o, :l, :p, :f, :u,"
            " :s, :e, :h, :w, :sup, :emp, :st, :mp, :mh, :c, :by, :up, :v)",
        soci::use(p.id), soci::use(p.organisation_id), soci::use(p.learner_id), soci::use(p.programme_id),
        soci::use(p.form), soci::use(p.unit_id), soci::use(p.starts_on), soci::use(p.ends_on),
        soci::use(hours.value, hours.ind), soci::use(weeks.value, weeks.ind), soci::use(sup.value, sup.ind),
        soci::use(emp.value, emp.ind), soci::use(p.status), soci::use(planned.value, planned.ind),
        soci::use(held.value, held.ind), soci::use(created), soci::use(p.created_by), soci::use(updated),
        soci::use(p.version);
}

std::optional<core::placement>
placement_repository::find_placement(std::string const& org, std::string const& id)
{
    for (auto& p : query("organisation_id = :o and id = :id", {org, id}))
        return std::move(p);
    return std::nullopt;
}

bool placement_repository::update_placement(core::placement const& p, int expected_version)
{
    nullable_text sup{p.supervisor_id};
    nullable_text planned{p.meeting_planned_on};
    nullable_text held{p.meeting_held_on};
    long long const updated = p.updated_at;
    int const version = p.version;
    soci::statement st =
        (sql_.prepare << "update placement set status = :s, supervisor_id = :sup, meeting_planned_on = :mp,"
                         " meeting_held_on = :mh, updated_at = :at, version = :v"
                         " where organisation_id = :o and id = :id and version = :x",
         soci::use(p.status),
         soci::use(sup.value, sup.ind),
         soci::use(planned.value, planned.ind),
         soci::use(held.value, held.ind),
         soci::use(updated),
         soci::use(version),
         soci::use(p.organisation_id),
         soci::use(p.id),
         soci::use(expected_version));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<core::placement> placement_repository::occupying_unit(
    std::string const& org, std::string const& unit_id, core::date_span const& span
)
{
    return query(
        "organisation_id = :o and unit_id = :u and status in ('confirmed', 'ongoing')"
        " and starts_on <= :to and ends_on >= :from order by starts_on, id",
        {org, unit_id, span.to, span.from}
    );
}

std::vector<core::placement> placement_repository::occupying_supervisor(
    std::string const& org, std::string const& employee_id, core::date_span const& span
)
{
    return query(
        "organisation_id = :o and supervisor_id = :e and status in ('confirmed', 'ongoing')"
        " and starts_on <= :to and ends_on >= :from order by starts_on, id",
        {org, employee_id, span.to, span.from}
    );
}

std::vector<core::placement>
placement_repository::in_units(std::string const& org, std::vector<std::string> const& unit_ids)
{
    std::vector<core::placement> out;
    for (auto const& u : unit_ids)
        for (auto& p : query("organisation_id = :o and unit_id = :u", {org, u}))
            out.push_back(std::move(p));
    std::sort(out.begin(), out.end(), [](auto const& a, auto const& b) {
        return a.starts_on != b.starts_on ? a.starts_on > b.starts_on : a.id > b.id;
    });
    return out;
}

std::vector<core::placement>
placement_repository::of_supervisor(std::string const& org, std::string const& employee_id)
{
    return query(
        "organisation_id = :o and supervisor_id = :e order by starts_on desc, id desc", {org, employee_id}
    );
}

void placement_repository::insert_note(core::placement_note const& n)
{
    long long const at = n.created_at;
    sql_ << "insert into placement_note (id, organisation_id, placement_id, written_on, area, progress, "
            "author_id,"
            " created_at) values (:id, :o, :p, :w, :a, :pr, :au, :at)",
        soci::use(n.id), soci::use(n.organisation_id), soci::use(n.placement_id), soci::use(n.written_on),
        soci::use(n.area), soci::use(n.progress), soci::use(n.author_id), soci::use(at);
}

std::optional<core::placement_note>
placement_repository::find_note(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(note_columns) + " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_note(r);
    return std::nullopt;
}

std::vector<core::placement_note>
placement_repository::notes(std::string const& org, std::string const& placement_id)
{
    std::vector<core::placement_note> out;
    query_rows rows{
        sql_,
        std::string(note_columns) + " where organisation_id = :o and placement_id = :p"
                                    " order by written_on, created_at, id",
        soci::use(org),
        soci::use(placement_id)};
    for (auto const& r : rows)
        out.push_back(to_note(r));
    return out;
}

void placement_repository::save_hours(std::string const& org, core::placement_hours const& h)
{
    long long const at = h.recorded_at;
    sql_ << "insert into placement_hours (organisation_id, placement_id, worked_on, minutes, recorded_by,"
            " recorded_at) values (:o, :p, :d, :m, :by, :at) on conflict (placement_id, worked_on) do update"
            " set minutes = excluded.minutes, recorded_by = excluded.recorded_by,"
            " recorded_at = excluded.recorded_at",
        soci::use(org), soci::use(h.placement_id), soci::use(h.worked_on), soci::use(h.minutes),
        soci::use(h.recorded_by), soci::use(at);
}

std::vector<core::placement_hours>
placement_repository::hours(std::string const& org, std::string const& placement_id)
{
    std::vector<core::placement_hours> out;
    query_rows rows{
        sql_,
        "select placement_id, worked_on, minutes, recorded_by, recorded_at from placement_hours"
        " where organisation_id = :o and placement_id = :p order by worked_on",
        soci::use(org),
        soci::use(placement_id)};
    for (auto const& r : rows)
        out.push_back({text_at(r, 0), text_at(r, 1), int_at(r, 2), text_at(r, 3), int64_at(r, 4)});
    return out;
}

core::placement_policy placement_repository::policy(std::string const& org)
{
    core::placement_policy p;
    p.organisation_id = org;
    query_rows rows{
        sql_,
        "select default_supervisor_capacity, default_mentor_capacity, updated_at, updated_by,"
        " version from placement_policy where organisation_id = :o",
        soci::use(org)};
    for (auto const& r : rows)
    {
        p.default_supervisor_capacity = int_at(r, 0);
        p.default_mentor_capacity = int_at(r, 1);
        p.updated_at = int64_at(r, 2);
        p.updated_by = text_at(r, 3);
        p.version = int_at(r, 4);
    }
    query_rows courses{
        sql_,
        "select step, course_id from supervisor_step_course where organisation_id = :o"
        " order by step, course_id",
        soci::use(org)};
    for (auto const& r : courses)
    {
        auto const step = int_at(r, 0);
        if (step >= 1 && step <= 3)
            p.step_courses[static_cast<std::size_t>(step - 1)].push_back(text_at(r, 1));
    }
    return p;
}

bool placement_repository::save_policy(core::placement_policy const& p, int expected_version)
{
    long long const at = p.updated_at;
    long long affected = 0;
    if (expected_version == 0)
    {
        soci::statement st =
            (sql_.prepare << "insert into placement_policy (organisation_id, default_supervisor_capacity,"
                             " default_mentor_capacity, updated_at, updated_by, version) values (:o, :s, :m,"
                             " :at, :by, :v) on conflict (organisation_id) do nothing",
             soci::use(p.organisation_id),
             soci::use(p.default_supervisor_capacity),
             soci::use(p.default_mentor_capacity),
             soci::use(at),
             soci::use(p.updated_by),
             soci::use(p.version));
        st.execute(true);
        affected = st.get_affected_rows();
    }
    else
    {
        soci::statement st =
            (sql_.prepare << "update placement_policy set default_supervisor_capacity = :s,"
                             " default_mentor_capacity = :m, updated_at = :at, updated_by = :by, version = :v"
                             " where organisation_id = :o and version = :x",
             soci::use(p.default_supervisor_capacity),
             soci::use(p.default_mentor_capacity),
             soci::use(at),
             soci::use(p.updated_by),
             soci::use(p.version),
             soci::use(p.organisation_id),
             soci::use(expected_version));
        st.execute(true);
        affected = st.get_affected_rows();
    }
    if (affected == 0)
        return false;
    sql_ << "delete from supervisor_step_course where organisation_id = :o", soci::use(p.organisation_id);
    for (std::size_t s = 0; s < p.step_courses.size(); ++s)
    {
        int const step = static_cast<int>(s) + 1;
        auto list = p.step_courses[s];
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        for (auto const& c : list)
            sql_ << "insert into supervisor_step_course (organisation_id, step, course_id) values (:o, :s, "
                    ":c)",
                soci::use(p.organisation_id), soci::use(step), soci::use(c);
    }
    return true;
}

std::vector<std::pair<std::string, int>> placement_repository::unit_capacities(std::string const& org)
{
    std::vector<std::pair<std::string, int>> out;
    query_rows rows{
        sql_,
        "select unit_id, max_students from unit_placement_capacity where organisation_id = :o"
        " order by unit_id",
        soci::use(org)};
    for (auto const& r : rows)
        out.emplace_back(text_at(r, 0), int_at(r, 1));
    return out;
}

std::optional<int> placement_repository::unit_capacity(std::string const& org, std::string const& unit_id)
{
    query_rows rows{
        sql_,
        "select max_students from unit_placement_capacity where organisation_id = :o"
        " and unit_id = :u",
        soci::use(org),
        soci::use(unit_id)};
    for (auto const& r : rows)
        return int_at(r, 0);
    return std::nullopt;
}

void placement_repository::set_unit_capacity(
    std::string const& org, std::string const& unit_id, int max_students
)
{
    sql_ << "insert into unit_placement_capacity (organisation_id, unit_id, max_students) values (:o, :u, :m)"
            " on conflict (organisation_id, unit_id) do update set max_students = excluded.max_students",
        soci::use(org), soci::use(unit_id), soci::use(max_students);
}

std::pair<std::optional<int>, std::optional<int>>
placement_repository::employee_capacity(std::string const& org, std::string const& employee_id)
{
    query_rows rows{
        sql_,
        "select max_students, max_mentees from employee_capacity where organisation_id = :o"
        " and employee_id = :e",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : rows)
        return {opt_int_at(r, 0), opt_int_at(r, 1)};
    return {};
}

void placement_repository::set_employee_capacity(
    std::string const& org,
    std::string const& employee_id,
    std::optional<int> max_students,
    std::optional<int> max_mentees
)
{
    nullable_int s{max_students};
    nullable_int m{max_mentees};
    sql_ << "insert into employee_capacity (organisation_id, employee_id, max_students, max_mentees)"
            " values (:o, :e, :s, :m) on conflict (organisation_id, employee_id) do update"
            " set max_students = excluded.max_students, max_mentees = excluded.max_mentees",
        soci::use(org), soci::use(employee_id), soci::use(s.value, s.ind), soci::use(m.value, m.ind);
}

} // namespace kompetens::storage
