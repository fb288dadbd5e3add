#include "server/storage/senior_plan_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

namespace kompetens::storage {

std::optional<core::senior_plan>
senior_plan_repository::find(std::string const& org, std::string const& employee_id)
{
    std::optional<core::senior_plan> out;
    query_rows rows{
        sql_,
        "select planned_exit_on, review_on, updated_at, updated_by, version from senior_plan"
        " where organisation_id = :o and employee_id = :e",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : rows)
    {
        core::senior_plan p;
        p.organisation_id = org;
        p.employee_id = employee_id;
        p.planned_exit_on = opt_text_at(r, 0);
        p.review_on = opt_text_at(r, 1);
        p.updated_at = int64_at(r, 2);
        p.updated_by = text_at(r, 3);
        p.version = int_at(r, 4);
        out = std::move(p);
    }
    if (!out)
        return out;
    query_rows measures{
        sql_,
        "select list, kind, from_date, to_date, fte_per_mille from senior_measure"
        " where organisation_id = :o and employee_id = :e order by list, position",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : measures)
    {
        core::senior_measure m{text_at(r, 1), opt_text_at(r, 2), opt_text_at(r, 3), opt_int_at(r, 4)};
        (text_at(r, 0) == "wish" ? out->wishes : out->agreed).push_back(std::move(m));
    }
    return out;
}

bool senior_plan_repository::save(core::senior_plan const& p, int expected_version)
{
    nullable_text exit{p.planned_exit_on};
    nullable_text review{p.review_on};
    long long const at = p.updated_at;
    int const version = p.version;
    long long affected = 0;
    if (expected_version == 0)
    {
        soci::statement st =
            (sql_.prepare
                 << "insert into senior_plan (organisation_id, employee_id, planned_exit_on, review_on,"
                    " updated_at, updated_by, version) values (:o, :e, :x, :r, :t, :by, :v)"
                    " on conflict (organisation_id, employee_id) do nothing",
             soci::use(p.organisation_id),
             soci::use(p.employee_id),
             soci::use(exit.value, exit.ind),
             soci::use(review.value, review.ind),
             soci::use(at),
             soci::use(p.updated_by),
             soci::use(version));
        st.execute(true);
        affected = st.get_affected_rows();
    }
    else
    {
        soci::statement st =
            (sql_.prepare << "update senior_plan set planned_exit_on = :x, review_on = :r, updated_at = :t,"
                             " updated_by = :by, version = :v"
                             " where organisation_id = :o and employee_id = :e and version = :expected",
             soci::use(exit.value, exit.ind),
             soci::use(review.value, review.ind),
             soci::use(at),
             soci::use(p.updated_by),
             soci::use(version),
             soci::use(p.organisation_id),
             soci::use(p.employee_id),
             soci::use(expected_version));
        st.execute(true);
        affected = st.get_affected_rows();
    }
    if (affected == 0)
        return false;
    sql_ << "delete from senior_measure where organisation_id = :o and employee_id = :e",
        soci::use(p.organisation_id), soci::use(p.employee_id);
    auto const insert = [&](std::string const& list, std::vector<core::senior_measure> const& measures) {
        for (std::size_t i = 0; i < measures.size(); ++i)
        {
            auto const& m = measures[i];
            int const position = static_cast<int>(i);
            nullable_text from{m.from_date};
            nullable_text to{m.to_date};
            nullable_int fte{m.fte_per_mille};
            sql_ << "insert into senior_measure (organisation_id, employee_id, list, position, kind, "
                    "from_date,"
                    " to_date, fte_per_mille) values (:o, :e, :l, :p, :k, :f, :t, :x)",
                soci::use(p.organisation_id), soci::use(p.employee_id), soci::use(list), soci::use(position),
                soci::use(m.kind), soci::use(from.value, from.ind), soci::use(to.value, to.ind),
                soci::use(fte.value, fte.ind);
        }
    };
    insert("wish", p.wishes);
    insert("agreed", p.agreed);
    return true;
}

} // namespace kompetens::storage
