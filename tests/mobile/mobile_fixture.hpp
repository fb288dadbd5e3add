#pragma once
// Phones for the end-to-end tests of the mobile SDK: the real SDK (store, engine, HTTP client) against the
// real server binary, with a fault switch between them that drops, duplicates or replays exchanges.
#include "clients/mobile-api/sdk/http_transport.hpp"
#include "clients/mobile-api/sdk/mobile_client.hpp"
#include "tests/e2e/e2e_fixture.hpp"

#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <string>

namespace kompetens::test {

/** Sits between one phone and the server. Off by default; a test turns faults on, points it at a
    restarted server (`port`), or cuts the network (`offline`). */
struct fault_switch
{
    std::uint16_t port = 0;
    bool offline = false;
    double drop_request = 0;  // never reaches the server
    double drop_response = 0; // the server acts, the phone hears nothing
    double duplicate = 0;     // sent twice, the phone hears the second answer
    double replay_pull = 0;   // a pull answer from a few pulls ago arrives instead of the new one
    std::mt19937 rng{1};
    int sent = 0;
    // What the faults did, so a test can tell that they happened.
    int dropped_requests = 0, dropped_responses = 0, duplicated = 0, replayed = 0;
    long pull_bytes = 0; // bodies of pull answers that came over the wire, heard or not
    /** Called after a request reached the server and before its answer is handed over. */
    std::function<void(std::string const& target)> after_send;
    /** Rewrites an answer before the phone sees it (a newer server's extra fields). */
    std::function<void(std::string const& target, mobile::reply&)> rewrite;

    mobile::transport as_transport();
    /** Body bytes that crossed the wire (compressed), from the HTTP client. */
    std::size_t wire_bytes() const { return http_ ? http_->wire_bytes() : 0; }

private:
    std::unique_ptr<mobile::http_transport> http_;
    std::uint16_t http_port_ = 0;
    std::deque<mobile::reply> old_pulls_; // the last few pull answers, the oldest first
    bool roll(double p);
    mobile::reply
    forward(std::string const& m, std::string const& t, std::string const& b, mobile::header_list const& h);
};

/** A simulated phone of `username`: its own data directory, clocks and fault switch. */
struct test_phone
{
    temp_dir dir;
    fault_switch net;
    mobile::manual_device_clock clock;
    std::unique_ptr<mobile::mobile_client> client;

    test_phone(
        e2e_server& s,
        std::string const& username,
        std::string const& data_dir = "",
        mobile::engine_settings settings = {}
    );
    /** The same data directory opened again by a new process (the app was killed and restarted). */
    void restart(std::string const& username);
    /** Restarted as a newer app: other engine settings (a new schema version). */
    void upgrade(std::string const& username, mobile::engine_settings settings);
    mobile::mobile_client& operator*() { return *client; }
    mobile::mobile_client* operator->() { return client.get(); }

private:
    std::string data_dir_;
    mobile::engine_settings settings_;
};

/** The first module of `kind` in the phone's catalogue (fetched if needed). */
std::string module_of_kind(mobile::mobile_client& phone, std::string const& kind);

/** Rows in the server's ledger for one device (the server's own count of writes it has). */
long long ledger_rows(e2e_server& s, std::string const& device_id);
/** The server's ledger for one device and lane, in sequence order: the mids. */
std::vector<std::string> ledger_mids(e2e_server& s, std::string const& device_id, std::string const& lane);

} // namespace kompetens::test
