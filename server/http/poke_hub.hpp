#pragma once
#include "server/core/clock.hpp"
#include "server/core/notification.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace kompetens::http {

/** Who is listening for pokes, and which of them the notification outbox says should pull now.

    Phones hold a WebSocket on `/sync/v1/poke`; each is a listener keyed by the employee it syncs for.
    The server reads the outbox every second or so (every process reads the same table, so a revocation
   committed by another process reaches phones connected here) from `window_start(now)` on and feeds the rows
   in; each notification pokes its recipient's listeners once. The window reaches `overlap` back because a
    notification's `created_at` is taken before its transaction commits: a row that becomes visible late
    is still inside the next window, and the ids seen remember what was already sent. Beast-free, so
    that it is tested without sockets. Thread-safe. */
class poke_hub
{
public:
    /** Called with the creation time of the oldest notice not yet poked; must not block (it posts to
        the connection's strand). */
    using listener = std::function<void(core::millis created_at)>;

    static constexpr core::millis overlap = 60'000;

    std::uint64_t subscribe(std::string const& employee_id, listener l);
    void unsubscribe(std::uint64_t token);
    std::size_t listeners() const;

    /** The lower bound (inclusive) of the next outbox read. */
    static core::millis window_start(core::millis now) noexcept { return now - overlap; }

    /** The first read of a process: what is in the window already happened before anybody here listened
        (a phone pulls when it connects), so it is only remembered, not poked. */
    void prime(std::vector<core::notification> const& rows, core::millis now);

    /** Rows read from the outbox since `window_start(now)`: pokes the recipients of the ones not seen
        before and forgets ids that fell out of the window. Returns how many listeners were called. */
    int feed(std::vector<core::notification> const& rows, core::millis now);

private:
    mutable std::mutex mutex_;
    std::uint64_t next_token_ = 1;
    std::unordered_multimap<std::string, std::pair<std::uint64_t, listener>> by_employee_;
    std::map<std::uint64_t, std::string> employee_of_;
    std::unordered_map<std::string, core::millis> seen_; // notification id → created_at
};

} // namespace kompetens::http
