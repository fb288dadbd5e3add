#include "server/storage/directory_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

#include <soci/soci.h>

#include <algorithm>

namespace kompetens::storage {

namespace {

constexpr char const* organisation_columns =
    "select id, name, kind, time_zone, created_at, version from organisation";

core::organisation to_organisation(soci::row const& r)
{
    return core::organisation{
        text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), int64_at(r, 4), int_at(r, 5)};
}

constexpr char const* unit_columns =
    "select id, organisation_id, parent_id, name, kind, created_at, version from unit";

core::unit to_unit(soci::row const& r)
{
    return core::unit{
        text_at(r, 0),
        text_at(r, 1),
        opt_text_at(r, 2),
        text_at(r, 3),
        text_at(r, 4),
        int64_at(r, 5),
        int_at(r, 6)};
}

constexpr char const* employee_columns =
    "select e.id, e.organisation_id, e.given_name, e.family_name, e.birth_date, e.gender, e.external_ref,"
    " e.created_at, e.version, coalesce(t.status, 'none'),"
    " case when coalesce(t.transitional_evidence, '') <> '' then 1 else 0 end"
    " from employee e left join title_status t"
    " on t.organisation_id = e.organisation_id and t.employee_id = e.id";

core::employee to_employee(soci::row const& r)
{
    return core::employee{
        text_at(r, 0),
        text_at(r, 1),
        text_at(r, 2),
        text_at(r, 3),
        opt_text_at(r, 4),
        opt_text_at(r, 5),
        opt_text_at(r, 6),
        int64_at(r, 7),
        int_at(r, 8),
        text_at(r, 9),
        int_at(r, 10) != 0};
}

constexpr char const* employment_columns = "select id, organisation_id, employee_id, profession, form, "
                                           "start_date, end_date, fte_per_mille, created_at,"
                                           " version from employment";

core::employment to_employment(soci::row const& r)
{
    core::employment e;
    e.id = text_at(r, 0);
    e.organisation_id = text_at(r, 1);
    e.employee_id = text_at(r, 2);
    e.profession = text_at(r, 3);
    e.form = text_at(r, 4);
    e.start_date = text_at(r, 5);
    e.end_date = opt_text_at(r, 6);
    e.fte_per_mille = int_at(r, 7);
    e.created_at = int64_at(r, 8);
    e.version = int_at(r, 9);
    return e;
}

// Reads one more row than asked for: its presence says there is a next page.
template <class T, class Convert>
core::page<T> to_page(query_rows& rows, core::page_request const& p, Convert convert)
{
    core::page<T> out;
    for (auto const& r : rows)
    {
        if (static_cast<int>(out.items.size()) == p.limit)
        {
            out.next = out.items.back().id;
            break;
        }
        out.items.push_back(convert(r));
    }
    return out;
}

} // namespace

std::optional<core::organisation> directory_repository::find_organisation(std::string const& id)
{
    query_rows rows{sql_, std::string(organisation_columns) + " where id = :id", soci::use(id)};
    for (auto const& r : rows)
        return to_organisation(r);
    return std::nullopt;
}

core::page<core::organisation>
directory_repository::list_organisations(std::optional<std::string> const& only, core::page_request const& p)
{
    std::string const after = p.after.value_or("");
    std::string const only_id = only.value_or("");
    int const lim = p.limit + 1;
    query_rows rows{
        sql_,
        std::string(organisation_columns) +
            " where id > :after and (:only1 = '' or id = :only2) order by id limit :lim",
        soci::use(after),
        soci::use(only_id),
        soci::use(only_id),
        soci::use(lim)};
    return to_page<core::organisation>(rows, p, to_organisation);
}

void directory_repository::insert_organisation(core::organisation const& o)
{
    sql_ << "insert into organisation (id, name, kind, time_zone, created_at, version)"
            " values (:id, :name, :kind, :tz, :created, :version)",
        soci::use(o.id), soci::use(o.name), soci::use(o.kind), soci::use(o.time_zone),
        soci::use(static_cast<long long>(o.created_at)), soci::use(o.version);
}

std::optional<core::unit> directory_repository::find_unit(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(unit_columns) + " where organisation_id = :org and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_unit(r);
    return std::nullopt;
}

core::page<core::unit> directory_repository::list_units(
    std::string const& org, core::unit_filter const& f, core::page_request const& p
)
{
    std::string const after = p.after.value_or("");
    std::string const kind = f.kind.value_or("");
    std::string const parent = f.parent_id.value_or("");
    int const lim = p.limit + 1;
    query_rows rows{
        sql_,
        std::string(unit_columns) + " where organisation_id = :org and id > :after"
                                    " and (:k1 = '' or kind = :k2) and (:p1 = '' or parent_id = :p2)"
                                    " order by id limit :lim",
        soci::use(org),
        soci::use(after),
        soci::use(kind),
        soci::use(kind),
        soci::use(parent),
        soci::use(parent),
        soci::use(lim)};
    return to_page<core::unit>(rows, p, to_unit);
}

void directory_repository::insert_unit(core::unit const& u)
{
    nullable_text parent{u.parent_id};
    sql_ << "insert into unit (id, organisation_id, parent_id, name, kind, created_at, version)"
            " values (:id, :org, :parent, :name, :kind, :created, :version)",
        soci::use(u.id), soci::use(u.organisation_id), soci::use(parent.value, parent.ind), soci::use(u.name),
        soci::use(u.kind), soci::use(static_cast<long long>(u.created_at)), soci::use(u.version);
}

bool directory_repository::update_unit(core::unit const& u, int expected)
{
    nullable_text parent{u.parent_id};
    int const next = expected + 1; // bound by reference: must outlive the statement
    soci::statement st =
        (sql_.prepare << "update unit set name = :name, kind = :kind, parent_id = :parent, version = :next"
                         " where organisation_id = :org and id = :id and version = :expected",
         soci::use(u.name),
         soci::use(u.kind),
         soci::use(parent.value, parent.ind),
         soci::use(next),
         soci::use(u.organisation_id),
         soci::use(u.id),
         soci::use(expected));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<core::employee>
directory_repository::find_employee(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(employee_columns) + " where e.organisation_id = :org and e.id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_employee(r);
    return std::nullopt;
}

core::page<core::employee> directory_repository::list_employees(
    std::string const& org, core::employee_filter const& f, core::page_request const& p
)
{
    std::string const after = p.after.value_or("");
    std::string const unit = f.unit_id.value_or("");
    std::string const prof = f.profession.value_or("");
    std::string const day = f.active_on.value_or("");
    int const lim = p.limit + 1;
    // One statement text for every combination of filters: an empty parameter switches its clause off.
    query_rows rows{
        sql_,
        std::string(employee_columns) +
            " where e.organisation_id = :org and e.id > :after"
            " and (:u1 = '' or exists (select 1 from employment m"
            "   join employment_unit mu on mu.employment_id = m.id"
            "   where m.employee_id = e.id and mu.unit_id = :u2"
            "   and m.start_date <= :d1 and (m.end_date is null or m.end_date >= :d2)))"
            " and (:p1 = '' or exists (select 1 from employment m"
            "   where m.employee_id = e.id and m.profession = :p2"
            "   and m.start_date <= :d3 and (m.end_date is null or m.end_date >= :d4)))"
            " order by e.id limit :lim",
        soci::use(org),
        soci::use(after),
        soci::use(unit),
        soci::use(unit),
        soci::use(day),
        soci::use(day),
        soci::use(prof),
        soci::use(prof),
        soci::use(day),
        soci::use(day),
        soci::use(lim)};
    return to_page<core::employee>(rows, p, to_employee);
}

void directory_repository::insert_employee(core::employee const& e)
{
    nullable_text birth{e.birth_date};
    nullable_text gender{e.gender};
    nullable_text ext{e.external_ref};
    sql_ << "insert into employee (id, organisation_id, given_name, family_name, birth_date, gender, "
            "external_ref,"
            " created_at, version) values (:id, :org, :given, :family, :birth, :gender, :ext, :created, "
            ":version)",
        soci::use(e.id), soci::use(e.organisation_id), soci::use(e.given_name), soci::use(e.family_name),
        soci::use(birth.value, birth.ind), soci::use(gender.value, gender.ind), soci::use(ext.value, ext.ind),
        soci::use(static_cast<long long>(e.created_at)), soci::use(e.version);
}

std::vector<std::string> directory_repository::units_of_employment(std::string const& employment_id)
{
    std::vector<std::string> out;
    query_rows rows{
        sql_,
        "select unit_id from employment_unit where employment_id = :id order by unit_id",
        soci::use(employment_id)};
    for (auto const& r : rows)
        out.push_back(text_at(r, 0));
    return out;
}

std::optional<core::employment>
directory_repository::find_employment(std::string const& org, std::string const& id)
{
    std::optional<core::employment> out;
    {
        query_rows rows{
            sql_,
            std::string(employment_columns) + " where organisation_id = :org and id = :id",
            soci::use(org),
            soci::use(id)};
        for (auto const& r : rows)
            out = to_employment(r);
    }
    if (out)
        out->unit_ids = units_of_employment(out->id);
    return out;
}

std::vector<core::employment>
directory_repository::employments_of(std::string const& org, std::string const& employee_id)
{
    std::vector<core::employment> out;
    {
        query_rows rows{
            sql_,
            std::string(employment_columns) +
                " where organisation_id = :org and employee_id = :emp order by start_date, id",
            soci::use(org),
            soci::use(employee_id)};
        for (auto const& r : rows)
            out.push_back(to_employment(r));
    }
    for (auto& e : out)
        e.unit_ids = units_of_employment(e.id);
    return out;
}

void directory_repository::replace_units(core::employment const& e)
{
    sql_ << "delete from employment_unit where employment_id = :id", soci::use(e.id);
    std::string unit;
    soci::statement st =
        (sql_.prepare << "insert into employment_unit (employment_id, unit_id) values (:e, :u)",
         soci::use(e.id),
         soci::use(unit));
    for (auto const& u : e.unit_ids)
    {
        unit = u;
        st.execute(true);
    }
}

void directory_repository::insert_employment(core::employment const& e)
{
    nullable_text end{e.end_date};
    sql_
        << "insert into employment (id, organisation_id, employee_id, profession, form, start_date, end_date,"
           " fte_per_mille, created_at, version)"
           " values (:id, :org, :emp, :prof, :form, :start, :end, :fte, :created, :version)",
        soci::use(e.id), soci::use(e.organisation_id), soci::use(e.employee_id), soci::use(e.profession),
        soci::use(e.form), soci::use(e.start_date), soci::use(end.value, end.ind), soci::use(e.fte_per_mille),
        soci::use(static_cast<long long>(e.created_at)), soci::use(e.version);
    replace_units(e);
}

bool directory_repository::update_employment(core::employment const& e, int expected)
{
    nullable_text end{e.end_date};
    int const next = expected + 1; // bound by reference: must outlive the statement
    soci::statement st =
        (sql_.prepare << "update employment set profession = :prof, end_date = :end, fte_per_mille = :fte,"
                         " version = :next where organisation_id = :org and id = :id and version = :expected",
         soci::use(e.profession),
         soci::use(end.value, end.ind),
         soci::use(e.fte_per_mille),
         soci::use(next),
         soci::use(e.organisation_id),
         soci::use(e.id),
         soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() != 1)
        return false;
    replace_units(e);
    return true;
}

std::vector<std::string> directory_repository::current_units(
    std::string const& org, std::string const& employee_id, std::string const& day
)
{
    std::vector<std::string> out;
    query_rows rows{
        sql_,
        "select distinct mu.unit_id from employment m join employment_unit mu on "
        "mu.employment_id = m.id"
        " where m.organisation_id = :o and m.employee_id = :e and m.start_date <= :d1"
        " and (m.end_date is null or m.end_date >= :d2) order by 1",
        soci::use(org),
        soci::use(employee_id),
        soci::use(day),
        soci::use(day)};
    for (auto const& r : rows)
        out.push_back(text_at(r, 0));
    return out;
}

std::vector<std::string>
directory_repository::units_below(std::string const& org, std::vector<std::string> const& roots)
{
    std::vector<std::string> out;
    for (auto const& root : roots)
    {
        // A recursive walk down the tree; the same text runs on PostgreSQL and SQLite.
        query_rows rows{
            sql_,
            "with recursive below(id) as (select id from unit where organisation_id = :o and id = :r"
            " union select u.id from unit u join below b on u.parent_id = b.id)"
            " select id from below",
            soci::use(org),
            soci::use(root)};
        for (auto const& r : rows)
            out.push_back(text_at(r, 0));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> directory_repository::managers_of(
    std::string const& org, std::string const& employee_id, std::string const& day
)
{
    std::vector<std::string> out;
    // Up the tree from the employee's current units, then the managers employed in any of those units.
    query_rows rows{
        sql_,
        "with recursive above(id) as ("
        " select mu.unit_id from employment m join employment_unit mu on mu.employment_id = m.id"
        " where m.organisation_id = :o and m.employee_id = :e and m.start_date <= :d1"
        " and (m.end_date is null or m.end_date >= :d2)"
        " union select u.parent_id from unit u join above a on u.id = a.id where u.parent_id is not "
        "null)"
        " select distinct m.employee_id from above a"
        " join employment_unit mu on mu.unit_id = a.id"
        " join employment m on m.id = mu.employment_id"
        " join account ac on ac.employee_id = m.employee_id"
        " where m.organisation_id = :o2 and m.employee_id <> :e2 and m.start_date <= :d3"
        " and (m.end_date is null or m.end_date >= :d4) and ac.disabled = 0"
        " and (',' || ac.roles || ',') like '%,manager,%' order by 1",
        soci::use(org),
        soci::use(employee_id),
        soci::use(day),
        soci::use(day),
        soci::use(org),
        soci::use(employee_id),
        soci::use(day),
        soci::use(day)};
    for (auto const& r : rows)
        out.push_back(text_at(r, 0));
    return out;
}

void directory_repository::insert_legitimation(core::legitimation const& l)
{
    long long const at = l.created_at;
    sql_ << "insert into legitimation (id, organisation_id, employee_id, profession, registry_ref, "
            "verified_on,"
            " verified_by, created_at) values (:id, :o, :e, :p, :r, :v, :b, :t)",
        soci::use(l.id), soci::use(l.organisation_id), soci::use(l.employee_id), soci::use(l.profession),
        soci::use(l.registry_ref), soci::use(l.verified_on), soci::use(l.verified_by), soci::use(at);
}

std::vector<core::legitimation>
directory_repository::legitimations_of(std::string const& org, std::string const& employee_id)
{
    std::vector<core::legitimation> out;
    query_rows rows{
        sql_,
        "select id, organisation_id, employee_id, profession, registry_ref, verified_on, verified_by,"
        " created_at from legitimation where organisation_id = :o and employee_id = :e order by id",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : rows)
        out.push_back(core::legitimation{
            text_at(r, 0),
            text_at(r, 1),
            text_at(r, 2),
            text_at(r, 3),
            text_at(r, 4),
            text_at(r, 5),
            text_at(r, 6),
            int64_at(r, 7)});
    return out;
}

void directory_repository::insert_absence(core::absence const& a)
{
    nullable_text to{a.to_date};
    long long const at = a.created_at;
    sql_ << "insert into absence (id, organisation_id, employee_id, from_date, to_date, recorded_by, "
            "created_at)"
            " values (:id, :o, :e, :f, :t, :b, :c)",
        soci::use(a.id), soci::use(a.organisation_id), soci::use(a.employee_id), soci::use(a.from_date),
        soci::use(to.value, to.ind), soci::use(a.recorded_by), soci::use(at);
}

namespace {
std::vector<core::absence>
absences_where(soci::session& sql, std::string const& where, std::string const& org, std::string const& arg)
{
    std::vector<core::absence> out;
    query_rows rows{
        sql,
        std::string("select id, organisation_id, employee_id, from_date, to_date, recorded_by, created_at"
                    " from absence where organisation_id = :o and ") +
            where + " order by from_date, id",
        soci::use(org),
        soci::use(arg)};
    for (auto const& r : rows)
        out.push_back(core::absence{
            text_at(r, 0),
            text_at(r, 1),
            text_at(r, 2),
            text_at(r, 3),
            opt_text_at(r, 4),
            text_at(r, 5),
            int64_at(r, 6)});
    return out;
}
} // namespace

std::optional<core::absence> directory_repository::find_absence(std::string const& org, std::string const& id)
{
    auto v = absences_where(sql_, "id = :a", org, id);
    if (v.empty())
        return std::nullopt;
    return v.front();
}

void directory_repository::end_absence(
    std::string const& org, std::string const& id, std::string const& to_date
)
{
    sql_ << "update absence set to_date = :t where organisation_id = :o and id = :id", soci::use(to_date),
        soci::use(org), soci::use(id);
}

std::vector<core::absence>
directory_repository::absences_of(std::string const& org, std::string const& employee_id)
{
    return absences_where(sql_, "employee_id = :a", org, employee_id);
}

} // namespace kompetens::storage
