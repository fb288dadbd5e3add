#pragma once
#include "sync/protocol/view.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kompetens::mobile {

/** A write the phone has made and not yet heard the outcome of (lane 0 critical, 1 normal). */
struct pending_write
{
    int lane = 1;
    long long seq = 0;
    std::string mid;
    std::string name;
    int v = 1;
    std::string args; // JSON text
    std::string hash;
    std::int64_t client_wall_ms = 0;
};

/** A write the server refused or quarantined: kept, with its content, until its author has seen it. */
struct attention_item
{
    pending_write write;
    std::string status; // rejected | quarantined
    std::string code;
    std::string field;
    std::string message;
    std::int64_t noted_at_ms = 0;
};

struct synced_row
{
    std::string type;
    std::string id;
    std::string version;
    std::string data; // JSON text, as the server sent it
};

struct stored_lease
{
    std::string delegation_id;
    int version = 0;
    std::int64_t expires_at_ms = 0;
    std::string sig;
};

/** The phone's database for one (installation, user): SQLite in WAL mode with synchronous=FULL, so a
    committed transaction survives the app being killed. Synced tables are written only when a pull is
    applied; the outbox only by the app's own writes and by outcomes. Not thread-safe. */
class local_store
{
public:
    explicit local_store(std::string const& path);
    ~local_store();
    local_store(local_store const&) = delete;
    local_store& operator=(local_store const&) = delete;

    /** All or nothing: a pull page with its cookie, an outcome with its outbox row. Rolls back unless
        committed. Not nested. */
    class transaction
    {
    public:
        explicit transaction(local_store& s);
        ~transaction();
        void commit();

    private:
        local_store& s_;
        bool done_ = false;
    };

    std::optional<std::string> get(std::string const& key);
    long long get_int(std::string const& key, long long fallback);
    void set(std::string const& key, std::string const& value);
    void set_int(std::string const& key, long long value);
    void erase(std::string const& key);

    // Synced rows; `shadow` is the staging copy a reset fills before it is swapped in.
    void put_row(bool shadow, synced_row const& r);
    void delete_row(bool shadow, std::string const& type, std::string const& id);
    void clear_rows(bool shadow);
    /** The staged copy becomes the synced copy. */
    void swap_in_shadow();
    std::vector<synced_row> rows(std::string const& type);
    std::optional<synced_row> row(std::string const& type, std::string const& id);
    sync::view_entries entries();

    void enqueue(pending_write const& w);
    std::vector<pending_write> outbox(int lane, std::size_t limit);
    std::vector<pending_write> outbox_all();
    std::optional<pending_write> take_pending(int lane, long long seq);
    std::size_t outbox_size();
    /** Renumbers a lane's pending writes from 1, keeping their mids and arguments (a new device id). */
    long long renumber(int lane);

    /** Acknowledged writes, for re-pushing after the server was restored from a backup. */
    void journal(pending_write const& w);
    std::vector<pending_write> journal_after(int lane, long long seq);

    void note_attention(attention_item const& a);
    std::vector<attention_item> attention();
    bool acknowledge_attention(std::string const& mid);

    void replace_leases(std::vector<stored_lease> const& leases);
    std::optional<stored_lease> lease_of(std::string const& delegation_id);

    void put_content(std::string const& sha256, std::string const& bytes);
    std::optional<std::string> content(std::string const& sha256);

    /** Everything goes: the device was reported lost, or its user signed out. */
    void wipe();

    /** Raw SQL, for tests that damage the local copy on purpose. */
    void exec(std::string const& sql);

private:
    sqlite3* db_ = nullptr;
};

} // namespace kompetens::mobile
