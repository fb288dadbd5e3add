#pragma once
#include "server/core/notification_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** The notification outbox on SQL; one per unit of work. */
class notification_repository final : public core::notification_store
{
    soci::session& sql_;

public:
    explicit notification_repository(soci::session& sql) : sql_(sql) {}

    bool insert_if_new(core::notification const& n) override;
    std::vector<core::notification>
    for_recipient(std::string const& org, std::string const& recipient_id, int limit) override;
    bool mark_read(
        std::string const& org, std::string const& recipient_id, std::string const& id, core::millis at
    ) override;
    std::vector<core::notification> created_since(core::millis since, int limit) override;
    std::vector<core::notification> webhook_pending(core::millis now, int limit) override;
    void webhook_delivered(std::string const& id, core::millis at) override;
    void webhook_failed(std::string const& id, core::millis retry_at, bool give_up) override;
};

} // namespace kompetens::storage
