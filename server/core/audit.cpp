#include "server/core/audit.hpp"

#include "server/core/credentials.hpp"
#include "server/core/principal.hpp"

namespace kompetens::core {

std::string const& genesis_hash()
{
    static std::string const g(64, '0');
    return g;
}

std::string canonical_text(audit_event const& e)
{
    std::string out;
    auto field = [&](std::string const& v) {
        out += std::to_string(v.size());
        out += ':';
        out += v;
        out += '|';
    };
    field(e.organisation_id);
    field(std::to_string(e.seq));
    field(std::to_string(e.occurred_at));
    field(e.actor_account_id);
    field(e.action);
    field(e.entity_type);
    field(e.entity_id);
    field(e.device_id);
    field(e.request_id);
    return out;
}

std::string chain_hash(std::string const& prev_hash, audit_event const& e)
{
    return token_digest(prev_hash + canonical_text(e));
}

chain_report verify_chain(std::vector<audit_event> const& events, chain_head const& head)
{
    chain_report r;
    std::string prev = genesis_hash();
    long long expected_seq = 1;
    for (auto const& e : events)
    {
        auto broken = [&](std::string why) {
            r.intact = false;
            r.first_broken_seq = e.seq;
            r.reason = std::move(why);
            return r;
        };
        if (e.seq != expected_seq)
            return broken(
                "expected entry " + std::to_string(expected_seq) + " here (an entry is missing or moved)"
            );
        if (e.prev_hash != prev)
            return broken("does not point at the entry before it");
        if (chain_hash(prev, e) != e.hash)
            return broken("its content does not match its hash (edited)");
        prev = e.hash;
        ++expected_seq;
        ++r.checked;
    }
    // The head is written with every append: entries cut from the end leave it pointing past them.
    if (head.seq != expected_seq - 1 || (head.seq > 0 && head.hash != prev))
    {
        r.intact = false;
        r.first_broken_seq = expected_seq;
        r.reason = "the trail ends at entry " + std::to_string(expected_seq - 1) +
                   " but its head records entry " + std::to_string(head.seq) +
                   " (entries removed from the end)";
    }
    return r;
}

void record(
    audit_store& store,
    principal const& actor,
    millis now,
    std::string action,
    std::string entity_type,
    std::string entity_id
)
{
    audit_event e;
    e.organisation_id = actor.organisation_id;
    e.occurred_at = now;
    e.actor_account_id = actor.account_id;
    e.device_id = actor.device_id.value_or("");
    e.action = std::move(action);
    e.entity_type = std::move(entity_type);
    e.entity_id = std::move(entity_id);
    store.append(e);
}

} // namespace kompetens::core
