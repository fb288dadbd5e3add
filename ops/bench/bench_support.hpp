#pragma once
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

// What the benchmarks that drive the real server and compare it with pgbench share: logging in as a demo
// account, and turning the statements one request made (from PostgreSQL's log) into a pgbench script.
namespace kompetens::bench {

double median(std::vector<double> v);

/** A registered phone of a demo account: its device id and device-bound token. */
struct phone
{
    std::string device_id, token;
};

/** Registers `device_id` as an Android phone of the account behind `account_token`. */
phone register_phone(test::http_client& c, std::string const& account_token, std::string const& device_id);

/** One pull from `cookie` (empty: an initial sync) to the end of its pages; returns the rows put and the
    last cookie. With `puts`, every put operation is appended to it. */
std::pair<std::size_t, std::string>
pull_to_end(test::http_client& c, phone const& p, std::string cookie, boost::json::array* puts = nullptr);

/** Training records from the HR office for the demo care worker (one per course and week, going back)
    until `p`'s view holds `target_rows` rows; returns the rows it holds. */
std::size_t grow_view_to(
    test::http_client& c, test::server_process const& server, phone const& p, std::size_t target_rows
);

/** The password the demo seeding wrote for `user` into the server's credentials file. */
std::string password_of(test::server_process const& p, std::string const& user);

/** The body parsed as JSON if the status is `status`; else throws with `what`, the status and the body. */
boost::json::value json_ok(test::http_reply const& r, int status, char const* what);

/** Logs a demo account in; returns its access token. */
std::string login(test::http_client& c, test::server_process const& p, std::string const& user);

std::size_t file_size(std::string const& path);
std::string read_from(std::string const& path, std::size_t offset);

/** `url` with `log_statement = all` for its sessions: a server on it logs every statement it runs. */
std::string with_statement_log(std::string const& url);

/** The statements a PostgreSQL log holds (`LOG:  statement: …` and `LOG:  execute …: …` with their
    `DETAIL:  parameters: …`) as a pgbench script, parameters substituted, COMMIT → ROLLBACK so that the
    script can run again (which also spares pgbench the commit's WAL flush). */
std::string pgbench_script(std::string const& log, int& statements);

/** pgbench's average latency in ms for `transactions` runs of `script` on one connection. */
double pgbench_ms(std::string const& url, std::string const& script_path, int transactions);

/** pgbench's transactions per second running `script` on `clients` connections for `seconds`. */
double pgbench_tps(std::string const& url, std::string const& script_path, int clients, int seconds);

/** The output of a shell command; throws if it fails. */
std::string run_command(std::string const& cmd);

} // namespace kompetens::bench
