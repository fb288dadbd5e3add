#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"
#include "sync/protocol/lane.hpp"
#include "sync/protocol/view.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kompetens::sync {

/** Limits of one push (PROTOCOL.md, "Limits"). */
inline constexpr std::size_t max_push_mutations = 100;
inline constexpr std::size_t max_push_bytes = 512 * 1024;
/** Pull pages: a device may ask for less, never for more. */
inline constexpr std::size_t max_page_rows = 1000;
inline constexpr std::size_t min_page_rows = 50;
inline constexpr std::size_t max_page_bytes = 1024 * 1024;
inline constexpr std::size_t min_page_bytes = 16 * 1024;

/** One named, versioned command from a device, as it travels. */
struct mutation
{
    long long seq = 0;
    std::string mid; // the device's UUID for it: logs and audit
    std::string name;
    int v = 1;
    boost::json::object args;
    std::string hash; // mutation_hash(name, v, args), computed by the device
    std::optional<core::millis> client_wall_ms;
};

struct push_request
{
    sync::lane lane = sync::lane::normal;
    int schema_version = 0;
    std::vector<mutation> mutations; // consecutive sequence numbers
};

/** Checks shape and limits; a mutation's own arguments are checked by its handler. The hash is checked
    against the arguments, so a device whose hashing is wrong learns it at once. */
core::result<push_request> parse_push(boost::json::value const& body);

/** What happened to one mutation. Stored in the ledger and sent back on every duplicate and on pulls
    until the device acknowledges it. */
struct outcome
{
    long long seq = 0;
    std::string mid;
    std::string status; // applied | rejected | quarantined | unknown (pruned from the ledger)
    std::string code;   // for rejected and quarantined: a stable machine code
    std::string field;  // the argument at fault, as a JSON pointer, when there is one
    std::string message;
    boost::json::array effects;                // [{type, id}] the rows it changed
    std::optional<boost::json::value> current; // conflicts: the server's current copy
    bool duplicate = false;                    // answered from the ledger, not run again
    bool duplicate_entity = false;             // the entity it creates already existed (another device)
};

boost::json::object to_json(outcome const& o, std::optional<sync::lane> lane = std::nullopt);

struct pull_request
{
    std::optional<std::string> cookie;
    int schema_version = 0;
    long long acked_critical = 0;
    long long acked_normal = 0;
    page_limits limit;
    std::vector<std::string> refresh_types;
};

core::result<pull_request> parse_pull(boost::json::value const& body);

struct hello_request
{
    std::string app_version;
    int schema_version = 0;
    std::string platform;
};

core::result<hello_request> parse_hello(boost::json::value const& body);

} // namespace kompetens::sync
