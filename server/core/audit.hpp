#pragma once
#include "server/core/clock.hpp"
#include "server/core/page.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** One entry of an organisation's audit trail. Entries form a hash chain per organisation:
    `hash = SHA-256(prev_hash || canonical(entry))`, so an edited, removed, reordered or truncated entry
    breaks the chain at a place `verify_chain` names. Holds ids only, never names or content. */
struct audit_event
{
    std::string organisation_id;
    long long seq = 0; // 1, 2, 3 … per organisation, gap-free
    std::string prev_hash;
    std::string hash;
    millis occurred_at = 0;
    std::string actor_account_id; // "system" for the server's own work
    std::string action;           // e.g. unit.create, employee.read, auth.login_failed
    std::string entity_type;
    std::string entity_id;
    std::string device_id;  // empty when not on a registered device
    std::string request_id; // empty outside a request
};

/** The hash that stands before an organisation's first entry. */
std::string const& genesis_hash();

/** The unambiguous byte string that is hashed: each field length-prefixed, in a fixed order. Changing it
    invalidates every stored chain, so it never changes. */
std::string canonical_text(audit_event const& e);

/** SHA-256 hex of `prev_hash` followed by the canonical text. */
std::string chain_hash(std::string const& prev_hash, audit_event const& e);

/** The last link as recorded separately from the entries (and exportable off the machine). */
struct chain_head
{
    long long seq = 0;
    std::string hash;
};

struct chain_report
{
    bool intact = true;
    long long checked = 0;
    long long first_broken_seq = 0; // the first entry that does not follow from the one before it
    std::string reason;
};

/** Walks entries in stored order (by seq) and compares the end with `head`. */
chain_report verify_chain(std::vector<audit_event> const& events, chain_head const& head);

struct audit_query
{
    std::optional<std::string> entity_id;
    std::optional<std::string> actor_account_id;
    std::optional<std::string> action;
    std::optional<long long> after_seq;
    int limit = 100;
};

/** The port through which use cases append to the trail, inside their own transaction. */
class audit_store
{
public:
    virtual ~audit_store() = default;
    /** Fills seq, prev_hash and hash, appends, and advances the head, all in the caller's transaction. */
    virtual void append(audit_event& e) = 0;
    virtual std::vector<audit_event> query(std::string const& org, audit_query const& q) = 0;
    virtual std::vector<audit_event> chain(std::string const& org) = 0;
    virtual chain_head head(std::string const& org) = 0;
    virtual std::vector<std::string> organisations_with_trail() = 0;
};

struct principal;

/** Appends one entry for `actor` (account, device) in the caller's transaction: the one way use cases
    write to the trail. */
void record(
    audit_store& store,
    principal const& actor,
    millis now,
    std::string action,
    std::string entity_type,
    std::string entity_id
);

} // namespace kompetens::core
