#pragma once
#include "clients/mobile-api/sdk/device_clock.hpp"
#include "clients/mobile-api/sdk/local_store.hpp"
#include "clients/mobile-api/sdk/transport.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kompetens::mobile {

struct engine_settings
{
    std::string app_version = "kompetens-mobile/1";
    std::string platform = "other"; // android, ios or other
    int schema_version = 1;
    std::size_t page_rows = 1000;
    std::size_t page_bytes = 1024 * 1024;
};

/** What one sync cycle came to. `idle`: every lane pushed as far as the server allows and the view is
    complete; otherwise `error` says what stopped it and `retry_after_ms` when to try again. */
struct sync_report
{
    bool idle = false;
    bool offline = false;    // no answer from the server
    bool signed_out = false; // the refresh token is gone too: sign in again
    bool wiped = false;      // the device was reported lost: everything local is gone
    std::string error;
    std::int64_t retry_after_ms = 0;
    int applied = 0;   // outcomes stored: applied
    int attention = 0; // outcomes stored: rejected or quarantined
    int pages = 0;
    int resets = 0;
};

/** The client side of PROTOCOL.md over a local store: sign-in and device registration, hello, the push
    loop per lane, the pull loop with staged resets and digest checks, token refresh, and trusted time.
    Every step that changes the store is one local transaction, so killing the app at any point leaves
    either the step or nothing. Not thread-safe. */
class sync_engine
{
public:
    sync_engine(local_store& store, transport t, device_clock const& clock, engine_settings settings = {});

    /** Signs in, registers this installation's device id for the user (a new one if the user changed) and
        stores device-bound tokens. Returns an error text, or nothing on success. */
    std::optional<std::string> sign_in(std::string const& username, std::string const& password);
    bool signed_in();

    /** Stores a write in the outbox of its lane with the next sequence number; returns its mid. */
    std::string enqueue(int lane, std::string const& name, boost::json::object const& args, int v = 1);

    /** hello, push both lanes, pull every page. Never throws for network or server trouble. */
    sync_report sync_once();
    /** Pushes one lane only (for tests of lane independence and of push-then-crash). */
    sync_report push(int lane);
    sync_report pull();

    /** Server time at the last answer plus monotonic time since; none after a reboot without contact. */
    std::optional<std::int64_t> trusted_now();
    /** The instant of the last successful answer from the server, in server time; 0 when never. */
    std::int64_t last_contact_ms();

    /** Exponential backoff with equal jitter, `u` in [0, 1): at least half of min(5 min, 1 s × 2^failures).
     */
    static std::int64_t backoff_ms(int failures, double u);

    /** Called inside each local transaction before it commits, with its name ("pull.apply",
        "push.outcomes"); a test that throws here simulates the app being killed at that point. */
    std::function<void(std::string_view)> before_commit;

private:
    struct answer
    {
        reply r;
        boost::json::object body; // empty unless the body was a JSON object
    };
    std::optional<answer> call(std::string const& target, boost::json::object const& body, sync_report& rep);
    bool refresh(sync_report& rep);
    bool register_device(std::string const& access_token, sync_report* rep);
    bool hello(sync_report& rep);
    bool push_lane(int lane, sync_report& rep);
    bool pull_pages(sync_report& rep);
    void apply_outcome(int lane, boost::json::object const& o, sync_report& rep);
    void apply_page(boost::json::object const& page, sync_report& rep);
    void note_server_time(boost::json::object const& body);
    bool handle_refusal(answer const& a, sync_report& rep);
    void new_device_identity();
    header_list headers();

    local_store& store_;
    transport send_;
    device_clock const& clock_;
    engine_settings settings_;
};

} // namespace kompetens::mobile
