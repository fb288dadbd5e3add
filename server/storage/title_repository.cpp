#include "server/storage/title_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

namespace kompetens::storage {

namespace {

constexpr char const* columns =
    "select organisation_id, employee_id, status, evidence, transitional_evidence, decided_on, updated_at,"
    " updated_by, version from title_status";

core::title_status to_status(soci::row const& r)
{
    core::title_status t;
    t.organisation_id = text_at(r, 0);
    t.employee_id = text_at(r, 1);
    t.status = text_at(r, 2);
    t.evidence = text_at(r, 3);
    t.transitional_evidence = text_at(r, 4);
    t.decided_on = opt_text_at(r, 5);
    t.updated_at = int64_at(r, 6);
    t.updated_by = text_at(r, 7);
    t.version = int_at(r, 8);
    return t;
}

} // namespace

std::optional<core::title_status>
title_repository::find(std::string const& org, std::string const& employee_id)
{
    query_rows rows{
        sql_,
        std::string(columns) + " where organisation_id = :o and employee_id = :e",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : rows)
        return to_status(r);
    return std::nullopt;
}

bool title_repository::save(core::title_status const& t, int expected_version)
{
    nullable_text decided{t.decided_on};
    long long const at = t.updated_at;
    int const version = t.version;
    if (expected_version == 0)
    {
        // A first status: a concurrent first save loses on the primary key and reads as a conflict.
        soci::statement st =
            (sql_.prepare << "insert into title_status (organisation_id, employee_id, status, evidence,"
                             " transitional_evidence, decided_on, updated_at, updated_by, version)"
                             " values (:o, :e, :s, :ev, :te, :d, :t, :by, :v)"
                             " on conflict (organisation_id, employee_id) do nothing",
             soci::use(t.organisation_id),
             soci::use(t.employee_id),
             soci::use(t.status),
             soci::use(t.evidence),
             soci::use(t.transitional_evidence),
             soci::use(decided.value, decided.ind),
             soci::use(at),
             soci::use(t.updated_by),
             soci::use(version));
        st.execute(true);
        return st.get_affected_rows() > 0;
    }
    soci::statement st =
        (sql_.prepare << "update title_status set status = :s, evidence = :ev, transitional_evidence = :te,"
                         " decided_on = :d, updated_at = :t, updated_by = :by, version = :v"
                         " where organisation_id = :o and employee_id = :e and version = :x",
         soci::use(t.status),
         soci::use(t.evidence),
         soci::use(t.transitional_evidence),
         soci::use(decided.value, decided.ind),
         soci::use(at),
         soci::use(t.updated_by),
         soci::use(version),
         soci::use(t.organisation_id),
         soci::use(t.employee_id),
         soci::use(expected_version));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<core::title_status> title_repository::relying_on_transitional_right(std::string const& org)
{
    std::vector<core::title_status> out;
    query_rows rows{
        sql_,
        std::string(columns) +
            " where organisation_id = :o and transitional_evidence <> '' and status <> 'granted'"
            " order by employee_id",
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(to_status(r));
    return out;
}

} // namespace kompetens::storage
