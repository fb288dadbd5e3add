#include "server/storage/language_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

namespace kompetens::storage {

namespace {

constexpr char const* assessment_columns =
    "select id, organisation_id, employee_id, language, skill, level, method, assessor_id, assessor_external,"
    " assessed_on, evidence, recorded_at, recorded_by from language_assessment";

core::language_assessment to_assessment(soci::row const& r)
{
    core::language_assessment a;
    a.id = text_at(r, 0);
    a.organisation_id = text_at(r, 1);
    a.employee_id = text_at(r, 2);
    a.language = text_at(r, 3);
    a.skill = text_at(r, 4);
    a.level = text_at(r, 5);
    a.method = text_at(r, 6);
    a.assessor_id = opt_text_at(r, 7);
    a.assessor_external = opt_text_at(r, 8);
    a.assessed_on = text_at(r, 9);
    a.evidence = text_at(r, 10);
    a.recorded_at = int64_at(r, 11);
    a.recorded_by = text_at(r, 12);
    return a;
}

constexpr char const* plan_columns =
    "select p.id, p.organisation_id, p.employee_id, p.state, p.next_follow_up_on, p.created_at, p.created_by,"
    " p.version from language_plan p";

core::language_plan to_plan(soci::row const& r)
{
    core::language_plan p;
    p.id = text_at(r, 0);
    p.organisation_id = text_at(r, 1);
    p.employee_id = text_at(r, 2);
    p.state = text_at(r, 3);
    p.next_follow_up_on = opt_text_at(r, 4);
    p.created_at = int64_at(r, 5);
    p.created_by = text_at(r, 6);
    p.version = int_at(r, 7);
    return p;
}

} // namespace

void language_repository::insert_assessment(core::language_assessment const& a)
{
    nullable_text assessor{a.assessor_id};
    nullable_text external{a.assessor_external};
    long long const at = a.recorded_at;
    sql_ << "insert into language_assessment (id, organisation_id, employee_id, language, skill, level, "
            "method,"
            " assessor_id, assessor_external, assessed_on, evidence, recorded_at, recorded_by)"
            " values (:id, :o, :e, :lang, :s, :l, :m, :a, :x, :d, :ev, :t, :by)",
        soci::use(a.id), soci::use(a.organisation_id), soci::use(a.employee_id), soci::use(a.language),
        soci::use(a.skill), soci::use(a.level), soci::use(a.method), soci::use(assessor.value, assessor.ind),
        soci::use(external.value, external.ind), soci::use(a.assessed_on), soci::use(a.evidence),
        soci::use(at), soci::use(a.recorded_by);
}

std::vector<core::language_assessment>
language_repository::assessments_of(std::string const& org, std::string const& employee_id)
{
    std::vector<core::language_assessment> out;
    query_rows rows{
        sql_,
        std::string(assessment_columns) +
            " where organisation_id = :o and employee_id = :e order by assessed_on, recorded_at, id",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : rows)
        out.push_back(to_assessment(r));
    return out;
}

core::language_requirements language_repository::requirements(std::string const& org)
{
    core::language_requirements req;
    req.organisation_id = org;
    query_rows settings{
        sql_,
        "select default_level, updated_at, updated_by, version from language_setting"
        " where organisation_id = :o",
        soci::use(org)};
    for (auto const& r : settings)
    {
        req.default_level = opt_text_at(r, 0);
        req.updated_at = int64_at(r, 1);
        req.updated_by = text_at(r, 2);
        req.version = int_at(r, 3);
    }
    query_rows rows{
        sql_,
        "select profession, skill, level from language_requirement where organisation_id = :o"
        " order by profession, skill",
        soci::use(org)};
    for (auto const& r : rows)
        req.rules.push_back({text_at(r, 0), text_at(r, 1), text_at(r, 2)});
    return req;
}

bool language_repository::save_requirements(core::language_requirements const& r, int expected_version)
{
    nullable_text level{r.default_level};
    long long const at = r.updated_at;
    int const version = r.version;
    long long affected = 0;
    if (expected_version == 0)
    {
        soci::statement st =
            (sql_.prepare << "insert into language_setting (organisation_id, default_level, updated_at,"
                             " updated_by, version) values (:o, :l, :t, :by, :v)"
                             " on conflict (organisation_id) do nothing",
             soci::use(r.organisation_id),
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
            (sql_.prepare
                 << "update language_setting set default_level = :l, updated_at = :t, updated_by = :by,"
                    " version = :v where organisation_id = :o and version = :x",
             soci::use(level.value, level.ind),
             soci::use(at),
             soci::use(r.updated_by),
             soci::use(version),
             soci::use(r.organisation_id),
             soci::use(expected_version));
        st.execute(true);
        affected = st.get_affected_rows();
    }
    if (affected == 0)
        return false;
    sql_ << "delete from language_requirement where organisation_id = :o", soci::use(r.organisation_id);
    for (auto const& rule : r.rules)
        sql_ << "insert into language_requirement (organisation_id, profession, skill, level)"
                " values (:o, :p, :s, :l)",
            soci::use(r.organisation_id), soci::use(rule.profession), soci::use(rule.skill),
            soci::use(rule.level);
    return true;
}

void language_repository::insert_plan(core::language_plan const& p)
{
    nullable_text next{p.next_follow_up_on};
    long long const at = p.created_at;
    int const version = p.version;
    sql_ << "insert into language_plan (id, organisation_id, employee_id, state, next_follow_up_on, "
            "created_at,"
            " created_by, version) values (:id, :o, :e, :s, :n, :t, :by, :v)",
        soci::use(p.id), soci::use(p.organisation_id), soci::use(p.employee_id), soci::use(p.state),
        soci::use(next.value, next.ind), soci::use(at), soci::use(p.created_by), soci::use(version);
    for (auto const& t : p.targets)
        sql_ << "insert into language_plan_target (plan_id, skill, level) values (:p, :s, :l)",
            soci::use(p.id), soci::use(t.skill), soci::use(t.level);
    for (std::size_t i = 0; i < p.supports.size(); ++i)
    {
        int const position = static_cast<int>(i);
        nullable_text person{p.supports[i].person_id};
        sql_ << "insert into language_plan_support (plan_id, position, kind, person_id) values (:p, :i, :k, "
                ":e)",
            soci::use(p.id), soci::use(position), soci::use(p.supports[i].kind),
            soci::use(person.value, person.ind);
    }
}

void language_repository::fill(core::language_plan& p)
{
    query_rows targets{
        sql_,
        "select skill, level from language_plan_target where plan_id = :p order by skill",
        soci::use(p.id)};
    for (auto const& r : targets)
        p.targets.push_back({"", text_at(r, 0), text_at(r, 1)});
    query_rows supports{
        sql_,
        "select kind, person_id from language_plan_support where plan_id = :p order by position",
        soci::use(p.id)};
    for (auto const& r : supports)
        p.supports.push_back({text_at(r, 0), opt_text_at(r, 1)});
    query_rows follow_ups{
        sql_,
        "select id, held_on, outcome, next_follow_up_on, recorded_at, recorded_by"
        " from language_follow_up where plan_id = :p order by held_on, recorded_at, id",
        soci::use(p.id)};
    for (auto const& r : follow_ups)
        p.follow_ups.push_back(
            {text_at(r, 0),
             p.id,
             text_at(r, 1),
             text_at(r, 2),
             opt_text_at(r, 3),
             int64_at(r, 4),
             text_at(r, 5)}
        );
}

std::vector<core::language_plan>
language_repository::plans_where(std::string const& where, std::string const& org, std::string const& who)
{
    std::vector<core::language_plan> out;
    query_rows rows{
        sql_,
        std::string(plan_columns) + " where p.organisation_id = :o and " + where +
            " order by p.created_at desc, p.id desc",
        soci::use(org),
        soci::use(who)};
    for (auto const& r : rows)
        out.push_back(to_plan(r));
    for (auto& p : out)
        fill(p);
    return out;
}

std::optional<core::language_plan>
language_repository::find_plan(std::string const& org, std::string const& id)
{
    auto found = plans_where("p.id = :id", org, id);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

std::vector<core::language_plan>
language_repository::plans_of(std::string const& org, std::string const& employee_id)
{
    return plans_where("p.employee_id = :e", org, employee_id);
}

std::vector<core::language_plan>
language_repository::plans_supported_by(std::string const& org, std::string const& employee_id)
{
    return plans_where(
        "p.state = 'active' and exists (select 1 from language_plan_support s"
        " where s.plan_id = p.id and s.person_id = :e)",
        org,
        employee_id
    );
}

bool language_repository::update_plan(core::language_plan const& p, int expected_version)
{
    nullable_text next{p.next_follow_up_on};
    int const version = p.version;
    soci::statement st =
        (sql_.prepare << "update language_plan set state = :s, next_follow_up_on = :n, version = :v"
                         " where organisation_id = :o and id = :id and version = :x",
         soci::use(p.state),
         soci::use(next.value, next.ind),
         soci::use(version),
         soci::use(p.organisation_id),
         soci::use(p.id),
         soci::use(expected_version));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

bool language_repository::insert_follow_up(std::string const& org, core::language_follow_up const& f)
{
    nullable_text next{f.next_follow_up_on};
    long long const at = f.recorded_at;
    soci::statement st =
        (sql_.prepare
             << "insert into language_follow_up (id, plan_id, organisation_id, held_on, outcome,"
                " next_follow_up_on, recorded_at, recorded_by) values (:id, :p, :o, :h, :out, :n, :t, :by)"
                " on conflict (id) do nothing",
         soci::use(f.id),
         soci::use(f.plan_id),
         soci::use(org),
         soci::use(f.held_on),
         soci::use(f.outcome),
         soci::use(next.value, next.ind),
         soci::use(at),
         soci::use(f.recorded_by));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

} // namespace kompetens::storage
