#pragma once
#include "sync/server/sync_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Devices' sync state, lanes, the mutation ledger and client view records on SQL; one per unit of work.
    `postgres`: lock lane rows with `for update` (SQLite's single writer serialises already). */
class sync_repository final : public sync::sync_store
{
    soci::session& sql_;
    bool postgres_;

public:
    sync_repository(soci::session& sql, bool postgres) : sql_(sql), postgres_(postgres) {}

    sync::sync_meta meta() override;
    void set_secret_if_empty(std::string const& secret) override;
    long long bump_epoch() override;

    std::optional<sync::device_state> find_device_state(std::string const& device_id) override;
    void save_device_state(sync::device_state const& s) override;
    long long next_ord(std::string const& device_id) override;

    long long lock_lane(std::string const& device_id, sync::lane l) override;
    long long last_seq(std::string const& device_id, sync::lane l) override;
    void set_last_seq(std::string const& device_id, sync::lane l, long long seq) override;

    std::optional<sync::ledger_row>
    find_mutation(std::string const& device_id, sync::lane l, long long seq) override;
    void insert_mutation(sync::ledger_row const& r) override;
    std::vector<sync::ledger_row>
    mutations_after(std::string const& device_id, sync::lane l, long long after_seq, int limit) override;
    std::pair<int, core::millis> count_failure(
        std::string const& device_id, sync::lane l, long long seq, std::string const& error, core::millis now
    ) override;

    std::optional<std::string> find_cvr(std::string const& device_id, std::string const& cvr_id) override;
    void insert_cvr(
        std::string const& id,
        std::string const& device_id,
        long long ord,
        std::string const& entries,
        core::millis now
    ) override;
};

} // namespace kompetens::storage
