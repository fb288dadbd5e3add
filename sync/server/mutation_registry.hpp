#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"
#include "server/core/principal.hpp"
#include "sync/protocol/lane.hpp"
#include "sync/server/sync_backend.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kompetens::sync {

/** What a mutation handler gets: the caller, the stores of the mutation's transaction and the device. */
struct mutation_context
{
    core::principal const& who;
    stores& s;
    core::clock const& clock;
    std::string const& device_id;
    std::string const& key; // the sync key: leases presented with a task record are checked with it
    std::optional<core::millis> client_wall_ms;
};

/** A handler's answer: effects when applied, or a refusal (the same `core::failure` the REST API turns
    into problem+json) with, for conflicts, the server's current copy. */
struct handler_result
{
    std::optional<core::failure> rejected;
    boost::json::array effects; // [{type, id}]
    std::optional<boost::json::value> current;
    bool duplicate_entity = false;

    static handler_result effect(std::string_view type, std::string const& id);
    static handler_result refuse(core::failure f);
};

using mutation_handler = handler_result (*)(mutation_context& ctx, boost::json::object const& args);

/** One supported `(name, v)`. Mutations that touch delegations travel in the critical lane, learning in
    the normal lane; a mutation sent in the other lane is refused (`wrong_lane`), so a lane's meaning holds.
 */
struct handler_entry
{
    std::string_view name;
    int v;
    sync::lane lane;
    mutation_handler run;
};

/** The supported mutations; the table PROTOCOL.md documents. */
std::vector<handler_entry> const& mutation_handlers();
handler_entry const* find_handler(std::string_view name, int v);
/** `name@v` of every supported mutation, for hello. */
std::vector<std::string> mutation_names();

/** The arguments with secrets (a password entered to sign) replaced, as the ledger keeps them. */
boost::json::object redacted(boost::json::object args);

/** Reads mutation arguments; the first problem wins, with the argument's JSON pointer. */
class args_reader
{
    boost::json::object const& args_;
    std::optional<core::failure> error_;

public:
    explicit args_reader(boost::json::object const& a) : args_(a) {}
    std::string text(char const* key, std::size_t max = 200);
    std::optional<std::string> optional_text(char const* key, std::size_t max = 200);
    std::string uuid(char const* key);
    long long integer(char const* key, long long min, long long max);
    std::optional<long long> optional_integer(char const* key, long long min, long long max);
    bool flag(char const* key);
    std::vector<int> integers(char const* key, std::size_t max_items);
    boost::json::object const* object(char const* key);
    std::optional<core::failure> const& error() const { return error_; }

private:
    void fail(char const* key, std::string detail);
};

// The handlers, by area.
handler_result progress_record(mutation_context& ctx, boost::json::object const& args);
handler_result attempt_submit(mutation_context& ctx, boost::json::object const& args);
handler_result module_complete(mutation_context& ctx, boost::json::object const& args);
handler_result assignment_acknowledge(mutation_context& ctx, boost::json::object const& args);
handler_result training_self_report(mutation_context& ctx, boost::json::object const& args);
handler_result language_plan_follow_up(mutation_context& ctx, boost::json::object const& args);
handler_result placement_note(mutation_context& ctx, boost::json::object const& args);
handler_result mentorship_meeting(mutation_context& ctx, boost::json::object const& args);
handler_result delegation_acknowledge(mutation_context& ctx, boost::json::object const& args);
handler_result delegation_sign(mutation_context& ctx, boost::json::object const& args);
handler_result delegation_reject(mutation_context& ctx, boost::json::object const& args);
handler_result delegation_revoke(mutation_context& ctx, boost::json::object const& args);
handler_result delegation_follow_up(mutation_context& ctx, boost::json::object const& args);
handler_result task_record_performed(mutation_context& ctx, boost::json::object const& args);

} // namespace kompetens::sync
