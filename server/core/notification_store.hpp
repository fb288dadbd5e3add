#pragma once
#include "server/core/notification.hpp"

#include <vector>

namespace kompetens::core {

/** The outbox port; implemented by server/storage inside the caller's transaction. */
class notification_store
{
public:
    virtual ~notification_store() = default;

    /** Adds `n` unless the recipient already has one with the same dedupe key; true when it was added. */
    virtual bool insert_if_new(notification const& n) = 0;
    /** The recipient's newest notifications first, at most `limit`. */
    virtual std::vector<notification>
    for_recipient(std::string const& org, std::string const& recipient_id, int limit) = 0;
    /** Marks one of the recipient's notifications read; false when it is not theirs. */
    virtual bool
    mark_read(std::string const& org, std::string const& recipient_id, std::string const& id, millis at) = 0;

    /** Every organisation's notifications created at or after `since`, oldest first, at most `limit`: what
        the poke feed reads to tell connected phones to pull. */
    virtual std::vector<notification> created_since(millis since, int limit) = 0;

    /** Webhook delivery: the oldest undelivered notifications of any organisation, due for an attempt. */
    virtual std::vector<notification> webhook_pending(millis now, int limit) = 0;
    virtual void webhook_delivered(std::string const& id, millis at) = 0;
    /** A failed attempt: tried again at `retry_at`; after the last attempt it is given up (kept, flagged). */
    virtual void webhook_failed(std::string const& id, millis retry_at, bool give_up) = 0;
};

} // namespace kompetens::core
