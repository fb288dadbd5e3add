#pragma once
#include "server/core/clock.hpp"
#include "sync/protocol/lane.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::sync {

/** The installation's sync settings (one row). */
struct sync_meta
{
    long long epoch = 1;
    std::string secret; // HMAC key of cookies and leases
    int min_schema = 1;
    int max_schema = 1;
    int push_only_below_schema = 1;
};

/** What the server keeps about a device beyond its registration. */
struct device_state
{
    std::string device_id;
    std::string app_version;
    int schema_version = 0;
    core::millis last_seen_at = 0;
    std::optional<core::millis> clock_skew_ms; // server time minus the device's wall clock
    long long max_ord = 0;                     // the highest cookie order issued
    int resets = 0;                            // resets sent on `reset_day`
    std::string reset_day;
};

/** One mutation in the ledger, with its outcome. */
struct ledger_row
{
    std::string device_id;
    sync::lane lane = sync::lane::normal;
    long long seq = 0;
    std::string mid;
    std::string name;
    int v = 1;
    std::string hash;
    std::string args;    // JSON, secrets removed
    std::string status;  // applied | rejected | quarantined
    std::string code;    // empty when applied
    std::string field;   // the argument at fault
    std::string message; // no personal data
    std::string result;  // JSON: {"effects": […], "current": …, "duplicate_entity": …}
    std::string account_id;
    std::optional<core::millis> client_wall_ms;
    core::millis received_at = 0;
};

/** Devices, lanes, the mutation ledger and client view records. Implemented in server/storage, in the
    caller's transaction. */
class sync_store
{
public:
    virtual ~sync_store() = default;

    virtual sync_meta meta() = 0;
    /** Fills in the key unless another process did first; the caller reads `meta()` again. */
    virtual void set_secret_if_empty(std::string const& secret) = 0;
    /** After a restore from backup: every device resets and re-pushes what the restore lost. */
    virtual long long bump_epoch() = 0;

    virtual std::optional<device_state> find_device_state(std::string const& device_id) = 0;
    virtual void save_device_state(device_state const& s) = 0;
    /** The next cookie order of a device (strictly increasing, also across server processes). */
    virtual long long next_ord(std::string const& device_id) = 0;

    /** The lane's last applied sequence number, creating the lane at 0; on PostgreSQL the row stays
        locked until the transaction ends, so two pushes of one lane run one after the other. */
    virtual long long lock_lane(std::string const& device_id, sync::lane l) = 0;
    virtual long long last_seq(std::string const& device_id, sync::lane l) = 0;
    virtual void set_last_seq(std::string const& device_id, sync::lane l, long long seq) = 0;

    virtual std::optional<ledger_row>
    find_mutation(std::string const& device_id, sync::lane l, long long seq) = 0;
    virtual void insert_mutation(ledger_row const& r) = 0;
    /** Outcomes after `after_seq`, oldest first: what a device has not acknowledged yet. */
    virtual std::vector<ledger_row>
    mutations_after(std::string const& device_id, sync::lane l, long long after_seq, int limit) = 0;

    /** Counts one unexpected failure of a mutation; returns the attempts so far and the first one's time. */
    virtual std::pair<int, core::millis> count_failure(
        std::string const& device_id, sync::lane l, long long seq, std::string const& error, core::millis now
    ) = 0;

    virtual std::optional<std::string> find_cvr(std::string const& device_id, std::string const& cvr_id) = 0;
    /** Stores a client view record and keeps only the newest three of the device. */
    virtual void insert_cvr(
        std::string const& id,
        std::string const& device_id,
        long long ord,
        std::string const& entries,
        core::millis now
    ) = 0;
};

} // namespace kompetens::sync
