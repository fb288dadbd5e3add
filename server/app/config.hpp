#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kompetens::app {

/** Everything `kompetens-server` can be told. Sources, later ones winning: built-in defaults, a JSON file
    (`--config` or KOMPETENS_CONFIG), environment variables (KOMPETENS_*), command-line flags. Validated
    once at start-up; the README's configuration reference lists every key. */
struct config
{
    std::string database = "sqlite:var/kompetens.db";
    std::string address = "127.0.0.1";
    int port = 8080;
    std::optional<std::string> port_file; // write the bound port here (for tests and supervisors)
    int db_pool_size = 0;                 // 0: 2 on SQLite, 4 on PostgreSQL
    int db_lease_timeout_ms = 2000;
    int statement_timeout_ms = 5000;
    std::string pg_random_page_cost = "1.1"; // PostgreSQL planner's random-read cost; empty: the server's
    int io_threads = 1;
    int header_timeout_ms = 10'000;
    int idle_timeout_ms = 60'000;
    int body_timeout_ms = 30'000;
    int write_timeout_ms = 30'000;
    int drain_deadline_ms = 25'000;
    int max_connections = 2000;
    int max_db_queue = 512;
    int access_token_ttl_s = 900;
    bool seed_demo = false; // serve: seed the demo organisation on first start
    std::string demo_credentials_file = "var/demo-credentials.txt";
    std::string log_level = "info";
    int sweep_interval_s = 3600;            // the engine's periodic pass (statuses, reminders); 0: off
    std::optional<std::string> webhook_url; // http(s) URL that receives every notification; none: off
    std::string webhook_secret;             // HMAC-SHA-256 key for X-Kompetens-Signature; empty: unsigned
    int webhook_interval_ms = 10'000;       // how often pending deliveries are tried
    int delegation_absence_months = 3;      // an absence longer than this ends delegations; 0: off
    int poke_interval_ms = 1000;            // how often the outbox is read to poke connected phones
};

/** Thrown for a configuration that cannot be used; the message names the key and what is wrong. */
struct config_error : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

/** Builds the configuration from defaults, file, environment and `args` (flags only, after the
    subcommand). Unknown flags, unknown file keys and out-of-range values are errors. */
config load_config(std::vector<std::string> const& args, char const* const* environ_vars);

} // namespace kompetens::app
