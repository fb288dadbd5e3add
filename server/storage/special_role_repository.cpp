#include "server/storage/special_role_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

#include <set>

namespace kompetens::storage {

namespace {

constexpr char const* assignment_columns =
    "select id, organisation_id, employee_id, role, unit_id, state, missing, at_risk_since, assigned_at,"
    " assigned_by, ended_at, ended_by, version from special_role_assignment";

std::vector<std::string> split(std::string const& codes)
{
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < codes.size())
    {
        auto const comma = codes.find(',', at);
        auto const end = comma == std::string::npos ? codes.size() : comma;
        out.push_back(codes.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

std::string joined(std::vector<std::string> const& codes)
{
    std::string out;
    for (auto const& c : codes)
        out += (out.empty() ? "" : ",") + c;
    return out;
}

core::special_role_assignment to_assignment(soci::row const& r)
{
    core::special_role_assignment a;
    a.id = text_at(r, 0);
    a.organisation_id = text_at(r, 1);
    a.employee_id = text_at(r, 2);
    a.role = text_at(r, 3);
    a.unit_id = text_at(r, 4);
    a.state = text_at(r, 5);
    a.missing = split(text_at(r, 6));
    a.at_risk_since = opt_int64_at(r, 7);
    a.assigned_at = int64_at(r, 8);
    a.assigned_by = text_at(r, 9);
    a.ended_at = opt_int64_at(r, 10);
    a.ended_by = opt_text_at(r, 11);
    a.version = int_at(r, 12);
    return a;
}

} // namespace

std::vector<core::special_role_rule> special_role_repository::stored_rules(std::string const& org)
{
    std::vector<core::special_role_rule> out;
    query_rows rows{
        sql_,
        "select role, requires_title, language_skill, language_level, updated_at, updated_by,"
        " version from special_role_rule where organisation_id = :o order by role",
        soci::use(org)};
    for (auto const& r : rows)
    {
        core::special_role_rule rule;
        rule.organisation_id = org;
        rule.role = text_at(r, 0);
        rule.requires_title = int_at(r, 1) != 0;
        rule.language_skill = text_at(r, 2);
        rule.language_level = opt_text_at(r, 3);
        rule.updated_at = int64_at(r, 4);
        rule.updated_by = text_at(r, 5);
        rule.version = int_at(r, 6);
        out.push_back(std::move(rule));
    }
    for (auto& rule : out)
    {
        query_rows courses{
            sql_,
            "select course_id from special_role_rule_course where organisation_id = :o"
            " and role = :r order by course_id",
            soci::use(org),
            soci::use(rule.role)};
        for (auto const& c : courses)
            rule.course_ids.push_back(text_at(c, 0));
    }
    return out;
}

bool special_role_repository::save_rule(core::special_role_rule const& r, int expected_version)
{
    nullable_text level{r.language_level};
    int const title = r.requires_title ? 1 : 0;
    long long const at = r.updated_at;
    int const version = r.version;
    long long affected = 0;
    if (expected_version == 0)
    {
        soci::statement st =
            (sql_.prepare
                 << "insert into special_role_rule (organisation_id, role, requires_title, language_skill,"
                    " language_level, updated_at, updated_by, version) values (:o, :r, :t, :s, :l, :at,"
                    " :by, :v) on conflict (organisation_id, role) do nothing",
             soci::use(r.organisation_id),
             soci::use(r.role),
             soci::use(title),
             soci::use(r.language_skill),
             soci::use(level.value, level.ind),
             soci::use(at),
             soci::use(r.updated_by),
             soci::use(version));
        st.execute(true);
        affected = st.get_affected_rows();
    }
    else
    {
        soci::statement st =
            (sql_.prepare << "update special_role_rule set requires_title = :t, language_skill = :s,"
                             " language_level = :l, updated_at = :at, updated_by = :by, version = :v"
                             " where organisation_id = :o and role = :r and version = :x",
             soci::use(title),
             soci::use(r.language_skill),
             soci::use(level.value, level.ind),
             soci::use(at),
             soci::use(r.updated_by),
             soci::use(version),
             soci::use(r.organisation_id),
             soci::use(r.role),
             soci::use(expected_version));
        st.execute(true);
        affected = st.get_affected_rows();
    }
    if (affected == 0)
        return false;
    sql_ << "delete from special_role_rule_course where organisation_id = :o and role = :r",
        soci::use(r.organisation_id), soci::use(r.role);
    for (auto const& c : std::set<std::string>(r.course_ids.begin(), r.course_ids.end()))
        sql_ << "insert into special_role_rule_course (organisation_id, role, course_id) values (:o, :r, :c)",
            soci::use(r.organisation_id), soci::use(r.role), soci::use(c);
    return true;
}

void special_role_repository::insert_assignment(core::special_role_assignment const& a)
{
    std::string const missing = joined(a.missing);
    long long const at = a.assigned_at;
    int const version = a.version;
    sql_ << "insert into special_role_assignment (id, organisation_id, employee_id, role, unit_id, state, "
            "missing,"
            " assigned_at, assigned_by, version) values (:id, :o, :e, :r, :u, :s, :m, :at, :by, :v)",
        soci::use(a.id), soci::use(a.organisation_id), soci::use(a.employee_id), soci::use(a.role),
        soci::use(a.unit_id), soci::use(a.state), soci::use(missing), soci::use(at), soci::use(a.assigned_by),
        soci::use(version);
}

std::optional<core::special_role_assignment>
special_role_repository::find_assignment(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(assignment_columns) + " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_assignment(r);
    return std::nullopt;
}

bool special_role_repository::update_assignment(core::special_role_assignment const& a, int expected_version)
{
    std::string const missing = joined(a.missing);
    nullable_int64 risk{a.at_risk_since};
    nullable_int64 ended{a.ended_at};
    nullable_text by{a.ended_by};
    int const version = a.version;
    soci::statement st =
        (sql_.prepare << "update special_role_assignment set state = :s, missing = :m, at_risk_since = :r,"
                         " ended_at = :e, ended_by = :b, version = :v"
                         " where organisation_id = :o and id = :id and version = :x",
         soci::use(a.state),
         soci::use(missing),
         soci::use(risk.value, risk.ind),
         soci::use(ended.value, ended.ind),
         soci::use(by.value, by.ind),
         soci::use(version),
         soci::use(a.organisation_id),
         soci::use(a.id),
         soci::use(expected_version));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<core::special_role_assignment>
special_role_repository::assignments_of(std::string const& org, std::string const& employee_id)
{
    std::vector<core::special_role_assignment> out;
    query_rows rows{
        sql_,
        std::string(assignment_columns) + " where organisation_id = :o and employee_id = :e"
                                          " order by assigned_at, id",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : rows)
        out.push_back(to_assignment(r));
    return out;
}

std::vector<core::special_role_assignment>
special_role_repository::open_in_units(std::string const& org, std::vector<std::string> const& unit_ids)
{
    std::vector<core::special_role_assignment> out;
    for (auto const& unit : unit_ids)
    {
        query_rows rows{
            sql_,
            std::string(assignment_columns) + " where organisation_id = :o and unit_id = :u"
                                              " and state <> 'ended' order by role, employee_id, id",
            soci::use(org),
            soci::use(unit)};
        for (auto const& r : rows)
            out.push_back(to_assignment(r));
    }
    return out;
}

std::vector<std::string> special_role_repository::holders(std::string const& org)
{
    std::vector<std::string> out;
    query_rows rows{
        sql_,
        "select distinct employee_id from special_role_assignment"
        " where organisation_id = :o and state <> 'ended' order by employee_id",
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(text_at(r, 0));
    return out;
}

} // namespace kompetens::storage
