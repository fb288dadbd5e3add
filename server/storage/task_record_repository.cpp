#include "server/storage/task_record_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

namespace kompetens::storage {

namespace {

constexpr char const* columns =
    "select id, organisation_id, employee_id, decision_id, task_id, unit_id, patient_ref, occurred_at,"
    " received_at, device_id, lease_expires_at, flags from task_record";

std::vector<std::string> split_flags(std::string const& text)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size())
    {
        auto const j = std::min(text.find(' ', i), text.size());
        if (j > i)
            out.push_back(text.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

core::task_record to_record(soci::row const& r)
{
    return core::task_record{
        text_at(r, 0),
        text_at(r, 1),
        text_at(r, 2),
        text_at(r, 3),
        text_at(r, 4),
        opt_text_at(r, 5),
        opt_text_at(r, 6),
        int64_at(r, 7),
        int64_at(r, 8),
        opt_text_at(r, 9),
        opt_int64_at(r, 10),
        split_flags(text_at(r, 11))};
}

} // namespace

bool task_record_repository::insert(core::task_record const& r)
{
    std::string flags;
    for (auto const& f : r.flags)
        flags += (flags.empty() ? "" : " ") + f;
    nullable_text unit{r.unit_id}, patient{r.patient_ref}, device{r.device_id};
    long long const occurred = r.occurred_at, received = r.received_at;
    long long lease = r.lease_expires_at.value_or(0);
    soci::indicator lease_ind = r.lease_expires_at ? soci::i_ok : soci::i_null;
    soci::statement st =
        (sql_.prepare
             << "insert into task_record (id, organisation_id, employee_id, decision_id, task_id, unit_id,"
                " patient_ref, occurred_at, received_at, device_id, lease_expires_at, flags)"
                " values (:id, :o, :e, :d, :t, :u, :p, :oa, :ra, :dev, :l, :f)"
                " on conflict (id) do nothing",
         soci::use(r.id),
         soci::use(r.organisation_id),
         soci::use(r.employee_id),
         soci::use(r.decision_id),
         soci::use(r.task_id),
         soci::use(unit.value, unit.ind),
         soci::use(patient.value, patient.ind),
         soci::use(occurred),
         soci::use(received),
         soci::use(device.value, device.ind),
         soci::use(lease, lease_ind),
         soci::use(flags));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::optional<core::task_record> task_record_repository::find(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(columns) + " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_record(r);
    return std::nullopt;
}

std::vector<core::task_record> task_record_repository::of_employee(
    std::string const& org, std::string const& employee_id, core::millis since
)
{
    std::vector<core::task_record> out;
    long long const from = since;
    query_rows rows{
        sql_,
        std::string(columns) + " where organisation_id = :o and employee_id = :e and occurred_at >= :s"
                               " order by occurred_at desc, id",
        soci::use(org),
        soci::use(employee_id),
        soci::use(from)};
    for (auto const& r : rows)
        out.push_back(to_record(r));
    return out;
}

} // namespace kompetens::storage
