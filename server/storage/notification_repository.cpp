#include "server/storage/notification_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

namespace kompetens::storage {

namespace {

constexpr char const* columns =
    "select id, organisation_id, recipient_id, kind, subject_type, subject_id,"
    " about_employee_id, on_date, dedupe_key, created_at, read_at, webhook_attempts"
    " from notification";

core::notification to_notification(soci::row const& r)
{
    return core::notification{
        text_at(r, 0),
        text_at(r, 1),
        text_at(r, 2),
        text_at(r, 3),
        text_at(r, 4),
        text_at(r, 5),
        text_at(r, 6),
        opt_text_at(r, 7),
        text_at(r, 8),
        int64_at(r, 9),
        opt_int64_at(r, 10),
        int_at(r, 11)};
}

} // namespace

bool notification_repository::insert_if_new(core::notification const& n)
{
    nullable_text on{n.on};
    long long const at = n.created_at;
    // `on conflict do nothing` is the same text on PostgreSQL and SQLite (3.24+): a duplicate is not an
    // error and does not abort a PostgreSQL transaction.
    soci::statement st =
        (sql_.prepare << "insert into notification (id, organisation_id, recipient_id, kind, subject_type,"
                         " subject_id, about_employee_id, on_date, dedupe_key, created_at)"
                         " values (:id, :o, :r, :k, :st, :si, :a, :on, :dk, :t)"
                         " on conflict (organisation_id, recipient_id, dedupe_key) do nothing",
         soci::use(n.id),
         soci::use(n.organisation_id),
         soci::use(n.recipient_id),
         soci::use(n.kind),
         soci::use(n.subject_type),
         soci::use(n.subject_id),
         soci::use(n.about_employee_id),
         soci::use(on.value, on.ind),
         soci::use(n.dedupe_key),
         soci::use(at));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<core::notification>
notification_repository::for_recipient(std::string const& org, std::string const& recipient_id, int limit)
{
    std::vector<core::notification> out;
    query_rows rows{
        sql_,
        std::string(columns) +
            " where organisation_id = :o and recipient_id = :r order by created_at desc, id desc"
            " limit :l",
        soci::use(org),
        soci::use(recipient_id),
        soci::use(limit)};
    for (auto const& r : rows)
        out.push_back(to_notification(r));
    return out;
}

std::vector<core::notification> notification_repository::created_since(core::millis since, int limit)
{
    std::vector<core::notification> out;
    long long const t = since;
    query_rows rows{
        sql_,
        std::string(columns) + " where created_at >= :t order by created_at, id limit :l",
        soci::use(t),
        soci::use(limit)};
    for (auto const& r : rows)
        out.push_back(to_notification(r));
    return out;
}

bool notification_repository::mark_read(
    std::string const& org, std::string const& recipient_id, std::string const& id, core::millis at
)
{
    long long const t = at;
    soci::statement st =
        (sql_.prepare << "update notification set read_at = coalesce(read_at, :t)"
                         " where organisation_id = :o and recipient_id = :r and id = :id",
         soci::use(t),
         soci::use(org),
         soci::use(recipient_id),
         soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<core::notification> notification_repository::webhook_pending(core::millis now, int limit)
{
    std::vector<core::notification> out;
    long long const t = now;
    query_rows rows{
        sql_,
        std::string(columns) +
            " where webhook_state = 'pending' and webhook_next_at <= :t order by created_at, id"
            " limit :l",
        soci::use(t),
        soci::use(limit)};
    for (auto const& r : rows)
        out.push_back(to_notification(r));
    return out;
}

void notification_repository::webhook_delivered(std::string const& id, core::millis at)
{
    long long const t = at;
    sql_ << "update notification set webhook_state = 'delivered', webhook_next_at = :t,"
            " webhook_attempts = webhook_attempts + 1 where id = :id",
        soci::use(t), soci::use(id);
}

void notification_repository::webhook_failed(std::string const& id, core::millis retry_at, bool give_up)
{
    long long const t = retry_at;
    std::string const state = give_up ? "failed" : "pending";
    sql_ << "update notification set webhook_state = :s, webhook_next_at = :t,"
            " webhook_attempts = webhook_attempts + 1 where id = :id",
        soci::use(state), soci::use(t), soci::use(id);
}

} // namespace kompetens::storage
