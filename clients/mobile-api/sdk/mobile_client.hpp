#pragma once
#include "clients/mobile-api/sdk/device_clock.hpp"
#include "clients/mobile-api/sdk/local_store.hpp"
#include "clients/mobile-api/sdk/sync_engine.hpp"
#include "clients/mobile-api/sdk/transport.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kompetens::mobile {

/** One assignment as the phone shows it: what is due, and how far the person has come. */
struct assignment_item
{
    std::string id;
    std::string course_id;
    std::string course_title; // from the catalogue, when it has been fetched
    std::string due_date;     // YYYY-MM-DD or empty
    std::string status;       // the requirement's status (assigned, in_progress, valid, expiring, …)
    bool acknowledged = false;
    bool pending = false; // a local write about it has not reached the server yet
};

/** One delegation and what the phone may say about it now. `label`:
    - `usable`: active, and the lease is good at trusted time;
    - `unverified`: active on the server when last heard, but the lease has run out (or the phone rebooted
      without contact): not to be relied on until the next sync; `unverified_since_ms` says since when;
    - `awaiting_confirmation`: issued and waiting for the recipient's signature;
    - `signed_pending_sync`: signed on this phone, not yet confirmed by the server;
    - otherwise the server's state: `revoked`, `expired`, `terminated`, `rejected`, `superseded`. */
struct delegation_item
{
    std::string id;
    std::string role; // delegate | delegator
    std::string label;
    std::string state; // the server's state when last synced
    std::string valid_from;
    std::string valid_to;
    std::vector<std::string> task_ids;
    int version = 0;
    std::int64_t lease_expires_at_ms = 0;
    std::int64_t unverified_since_ms = 0;
};

struct progress_item
{
    std::string module_id;
    std::string course_id;
    int position = 0;
    bool done = false;
    bool pending = false;
};

struct client_status
{
    std::string username;
    std::string device_id;
    std::size_t pending_writes = 0;
    std::size_t needs_attention = 0;
    std::int64_t last_contact_ms = 0;
    std::optional<std::int64_t> trusted_now_ms;
    std::size_t synced_rows = 0;
};

/** What app code calls: reads come from the local store with the outbox laid over them (a write shows at
    once, before the server has it), writes go to the outbox and reach the server on the next sync.
    One instance per signed-in user; the store lives at `<data_dir>/<user>.db`, so a second user on a
    shared phone never sees the first one's rows, and the first one's writes are never sent with the
    second one's token. */
class mobile_client
{
public:
    mobile_client(
        std::string const& data_dir,
        std::string const& username,
        transport t,
        device_clock const& clock,
        engine_settings settings = {}
    );

    std::optional<std::string> sign_in(std::string const& password);
    bool signed_in() { return engine_.signed_in(); }
    sync_report sync() { return engine_.sync_once(); }
    /** Syncs until idle or `rounds` cycles have passed; for tests and the CLI. */
    sync_report sync_until_idle(int rounds = 10);

    // Training
    std::vector<assignment_item> assignments();
    /** The courses and modules (fetched with `fetch_catalog`); empty until then. */
    boost::json::object catalog();
    std::optional<std::string> fetch_catalog();
    /** A module's content by hash: from the local cache, else downloaded (online). */
    std::optional<std::string> module_content(std::string const& sha256);
    std::vector<progress_item> progress();
    std::string record_progress(std::string const& module_id, int position);
    std::string complete_module(std::string const& module_id);
    std::string submit_attempt(std::string const& module_id, std::vector<int> const& answers);
    std::string acknowledge_assignment(std::string const& assignment_id);

    // Delegations
    std::vector<delegation_item> delegations();
    std::optional<delegation_item> delegation(std::string const& id);
    /** True only while the delegation is active and its lease good at trusted time (never by wall clock). */
    bool usable(std::string const& delegation_id);
    std::string acknowledge_delegation(std::string const& id, int version);
    std::string sign_delegation(std::string const& id, std::string const& password);
    /** The delegator's (or medical lead's) revocation; harmless twice. */
    std::string
    revoke_delegation(std::string const& id, std::string const& reason, std::string const& password);
    std::string
    record_task(std::string const& delegation_id, std::string const& task_id, std::string const& unit_id);

    // Everything else the view carries
    std::vector<boost::json::object> rows(std::string const& type);
    std::vector<boost::json::object> notifications() { return rows("notification"); }
    std::vector<boost::json::object> language_plans() { return rows("language_plan"); }
    std::vector<boost::json::object> placements() { return rows("placement"); }
    std::vector<boost::json::object> mentorships() { return rows("mentorship"); }

    /** A supervisor's progress note during a placement: a fixed area and level, never a grade. */
    std::string write_placement_note(
        std::string const& placement_id,
        std::string const& written_on,
        std::string const& area,
        std::string const& progress
    );
    /** A mentorship meeting: its date and topics from the fixed list. */
    std::string log_mentorship_meeting(
        std::string const& mentorship_id, std::string const& met_on, std::vector<std::string> const& topics
    );

    std::vector<attention_item> needs_attention() { return store_->attention(); }
    bool acknowledge_attention(std::string const& mid) { return store_->acknowledge_attention(mid); }

    client_status status();
    local_store& store() { return *store_; }
    sync_engine& engine() { return engine_; }

private:
    std::unique_ptr<local_store> store_;
    transport send_;
    device_clock const& clock_;
    sync_engine engine_;
    std::string username_;
};

/** `<data_dir>/<name>.db` with the user name made safe for a file name. */
std::string store_path(std::string const& data_dir, std::string const& username);

} // namespace kompetens::mobile
