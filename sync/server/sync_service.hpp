#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"
#include "server/core/principal.hpp"
#include "sync/protocol/lease.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/server/sync_backend.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kompetens::sync {

struct sync_settings
{
    lease_policy leases;
    int quarantine_after_attempts = 5; // K: unexpected failures before a mutation is quarantined
    core::millis quarantine_after_ms = 24LL * 3600 * 1000; // … or this long after the first failure
    core::millis retry_after_ms = 5000;
    int pull_interval_s = 300;
    core::millis max_offline_read_ms = 14LL * 24 * 3600 * 1000;
};

/** The answer to a push: per-mutation outcomes, or a refusal of the rest (`refusal`: a gap or a payload
    mismatch, with what the device must do), or a stop on a transient problem (retry later). */
struct push_reply
{
    std::optional<core::failure> refusal;
    long long expected_seq = 0; // seq_gap: resend from here
    long long mismatch_seq = 0; // seq_payload_mismatch: this one
    std::vector<outcome> results;
    long long last_seq = 0;
    std::optional<long long> stopped_seq;
    std::string stopped_reason; // transient | server_error
    core::millis retry_after_ms = 0;
    core::millis server_time = 0;
    long long epoch = 0;
};

/** The sync use cases over a backend: hello, push, pull. One instance per request; thread-safe through
    the database (two server processes on one database give the same answers). */
class sync_service
{
    sync_backend& backend_;
    core::clock const& clock_;
    sync_settings const& settings_;

public:
    sync_service(sync_backend& b, core::clock const& c, sync_settings const& s)
        : backend_(b), clock_(c), settings_(s)
    {
    }

    /** Start-up and registration check: device status, lanes, the schema window and the policy. A device
        that is not registered or was wiped gets a status, not an error, so it knows what to do. */
    core::result<boost::json::object>
    hello(core::principal const& who, std::string const& device_id, hello_request const& h);
    push_reply push(core::principal const& who, std::string const& device_id, push_request const& req);
    core::result<boost::json::object>
    pull(core::principal const& who, std::string const& device_id, pull_request const& req);

    /** Whom a poke WebSocket from this device listens for: the account's employee, when the device may
        sync for it. */
    core::result<std::string> poke_subject(core::principal const& who, std::string const& device_id);

    /** After restoring the database from a backup (ops runbook): every device resets on its next pull and
        re-pushes what the restore lost. Returns the new epoch. */
    long long bump_epoch();

private:
    /** The HMAC key of cookies and leases, created by the first process that needs it. */
    std::string key();
    outcome apply_one(
        core::principal const& who,
        std::string const& device_id,
        sync::lane lane,
        mutation const& m,
        std::string const& key,
        push_reply& reply
    );
    outcome quarantine(
        core::principal const& who,
        std::string const& device_id,
        sync::lane lane,
        mutation const& m,
        std::string const& error,
        push_reply& reply
    );
};

/** Whether this account may sync as this device: registered, its own, not revoked, not to be wiped, and
    the device the token was issued to (when it was issued to one). */
std::optional<core::failure>
check_device(stores& s, core::principal const& who, std::string const& device_id);

} // namespace kompetens::sync
