#include "server/storage/learning_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

namespace kompetens::storage {

bool learning_repository::insert_progress_event(core::progress_event const& e)
{
    long long const occurred = e.occurred_at, received = e.received_at;
    soci::statement st =
        (sql_.prepare
             << "insert into module_progress_event (id, organisation_id, employee_id, module_id, position,"
                " occurred_at, received_at) values (:id, :o, :e, :m, :p, :oa, :ra)"
                " on conflict (id) do nothing",
         soci::use(e.id),
         soci::use(e.organisation_id),
         soci::use(e.employee_id),
         soci::use(e.module_id),
         soci::use(e.position),
         soci::use(occurred),
         soci::use(received));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<core::module_progress_row>
learning_repository::progress_of(std::string const& org, std::string const& employee_id)
{
    std::vector<core::module_progress_row> out;
    // Positions from events, "done" from the current cycle's completions; a done module counts as 100.
    query_rows rows{
        sql_,
        "select m.id, m.course_id,"
        " coalesce((select max(position) from module_progress_event e"
        "   where e.employee_id = :e1 and e.module_id = m.id), 0),"
        " (select count(*) from module_progress d where d.employee_id = :e2 and d.module_id = m.id)"
        " from course_module m where m.organisation_id = :o and m.id in ("
        "   select module_id from module_progress_event where employee_id = :e3"
        "   union select module_id from module_progress where employee_id = :e4)"
        " order by m.id",
        soci::use(employee_id),
        soci::use(employee_id),
        soci::use(org),
        soci::use(employee_id),
        soci::use(employee_id)};
    for (auto const& r : rows)
    {
        bool const done = int64_at(r, 3) > 0;
        out.push_back(core::module_progress_row{
            text_at(r, 0), text_at(r, 1), done ? 100 : static_cast<int>(int64_at(r, 2)), done});
    }
    return out;
}

std::optional<core::attempt_summary>
learning_repository::find_attempt(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        "select id, employee_id, module_id, score, passed from quiz_attempt"
        " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return core::attempt_summary{
            text_at(r, 0), text_at(r, 1), text_at(r, 2), int_at(r, 3), int_at(r, 4) != 0};
    return std::nullopt;
}

void learning_repository::acknowledge_assignment(
    std::string const& org, std::string const& assignment_id, core::millis at
)
{
    long long const when = at;
    sql_ << "update assignment set acknowledged_at = :t where organisation_id = :o and id = :id"
            " and acknowledged_at is null",
        soci::use(when), soci::use(org), soci::use(assignment_id);
}

} // namespace kompetens::storage
