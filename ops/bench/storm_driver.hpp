#pragma once
#include <cstdint>
#include <string>
#include <vector>

// B4's load driver: thousands of simulated phones syncing at once from one thread of coroutines, each on
// its own keep-alive connection. It speaks the sync protocol as the SDK does (hello, push a lane's
// pending mutations, pull to the end of the pages, hashes from the protocol library) without the SDK's
// local SQLite store, which would make the driver, not the server, the bottleneck on two cores.
namespace kompetens::bench {

/** One simulated phone: a registered device of one care worker, and what it has synced. */
struct storm_device
{
    std::string device_id;
    std::string token; // device-bound access token
    std::string cookie;
    long long normal_seq = 0;            // the last sequence number written to the normal lane
    std::vector<std::string> module_ids; // where its progress events go

    // Results of the last run.
    double seconds = 0;            // from the start of the storm to the end of its last pull page
    int retries = 0;               // 503s and dropped connections retried after a pause
    int pulled_rows = 0;           // rows put or deleted by the pull
    int applied = 0;               // mutations the push answered as applied (first time or duplicate)
    long long server_last_seq = 0; // lanes.normal.last_seq in the last pull page
    std::string error;             // empty unless the device gave up
};

struct storm_options
{
    std::uint16_t port = 0;
    int mutations = 20;    // pending progress events per device
    int max_attempts = 40; // per request, before the device gives up
};

/** Runs every device at once (hello; push `mutations` new progress events if > 0; pull to the end of
    the pages) and returns the wall time of the whole storm in seconds. */
double run_storm(std::vector<storm_device>& devices, storm_options const& o);

} // namespace kompetens::bench
