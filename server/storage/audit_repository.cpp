#include "server/storage/audit_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

#include <soci/soci.h>

namespace kompetens::storage {

namespace {

constexpr char const* event_columns = "select organisation_id, seq, prev_hash, hash, occurred_at, "
                                      "actor_account_id, action, entity_type, entity_id,"
                                      " device_id, request_id from audit_event";

core::audit_event to_event(soci::row const& r)
{
    core::audit_event e;
    e.organisation_id = text_at(r, 0);
    e.seq = int64_at(r, 1);
    e.prev_hash = text_at(r, 2);
    e.hash = text_at(r, 3);
    e.occurred_at = int64_at(r, 4);
    e.actor_account_id = text_at(r, 5);
    e.action = text_at(r, 6);
    e.entity_type = text_at(r, 7);
    e.entity_id = text_at(r, 8);
    e.device_id = text_at(r, 9);
    e.request_id = text_at(r, 10);
    return e;
}

} // namespace

void audit_repository::append(core::audit_event& e)
{
    if (e.request_id.empty())
        e.request_id = request_id_;
    bool const pg = sql_.get_backend_name() == "postgresql";
    // Make sure the head row exists, then lock it: concurrent appends for one organisation queue here.
    sql_ << "insert into audit_chain_head (organisation_id, seq, hash) values (:o, 0, :g)"
            " on conflict (organisation_id) do nothing",
        soci::use(e.organisation_id), soci::use(core::genesis_hash());
    core::chain_head h;
    {
        query_rows rows{
            sql_,
            std::string("select seq, hash from audit_chain_head where organisation_id = :o") +
                (pg ? " for update" : ""),
            soci::use(e.organisation_id)};
        for (auto const& r : rows)
            h = core::chain_head{int64_at(r, 0), text_at(r, 1)};
    }
    e.seq = h.seq + 1;
    e.prev_hash = h.seq == 0 ? core::genesis_hash() : h.hash;
    e.hash = core::chain_hash(e.prev_hash, e);
    long long const seq = e.seq;
    long long const at = e.occurred_at;
    sql_ << "insert into audit_event (organisation_id, seq, prev_hash, hash, occurred_at, actor_account_id, "
            "action,"
            " entity_type, entity_id, device_id, request_id)"
            " values (:o, :s, :p, :h, :t, :a, :act, :et, :ei, :d, :r)",
        soci::use(e.organisation_id), soci::use(seq), soci::use(e.prev_hash), soci::use(e.hash),
        soci::use(at), soci::use(e.actor_account_id), soci::use(e.action), soci::use(e.entity_type),
        soci::use(e.entity_id), soci::use(e.device_id), soci::use(e.request_id);
    sql_ << "update audit_chain_head set seq = :s, hash = :h where organisation_id = :o", soci::use(seq),
        soci::use(e.hash), soci::use(e.organisation_id);
}

std::vector<core::audit_event> audit_repository::query(std::string const& org, core::audit_query const& q)
{
    std::string const entity = q.entity_id.value_or("");
    std::string const actor = q.actor_account_id.value_or("");
    std::string const action = q.action.value_or("");
    long long const after = q.after_seq.value_or(0);
    int const lim = q.limit;
    std::vector<core::audit_event> out;
    query_rows rows{
        sql_,
        std::string(event_columns) +
            " where organisation_id = :o and seq > :after and (:e1 = '' or entity_id = :e2)"
            " and (:a1 = '' or actor_account_id = :a2) and (:x1 = '' or action = :x2)"
            " order by seq limit :lim",
        soci::use(org),
        soci::use(after),
        soci::use(entity),
        soci::use(entity),
        soci::use(actor),
        soci::use(actor),
        soci::use(action),
        soci::use(action),
        soci::use(lim)};
    for (auto const& r : rows)
        out.push_back(to_event(r));
    return out;
}

std::vector<core::audit_event> audit_repository::chain(std::string const& org)
{
    std::vector<core::audit_event> out;
    query_rows rows{
        sql_, std::string(event_columns) + " where organisation_id = :o order by seq", soci::use(org)};
    for (auto const& r : rows)
        out.push_back(to_event(r));
    return out;
}

core::chain_head audit_repository::head(std::string const& org)
{
    query_rows rows{
        sql_, "select seq, hash from audit_chain_head where organisation_id = :o", soci::use(org)};
    for (auto const& r : rows)
        return core::chain_head{int64_at(r, 0), text_at(r, 1)};
    return core::chain_head{0, core::genesis_hash()};
}

std::vector<std::string> audit_repository::organisations_with_trail()
{
    std::vector<std::string> out;
    query_rows rows{
        sql_,
        "select organisation_id from audit_chain_head union select distinct organisation_id from"
        " audit_event order by 1"};
    for (auto const& r : rows)
        out.push_back(text_at(r, 0));
    return out;
}

} // namespace kompetens::storage
