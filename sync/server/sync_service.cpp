// Hello, the sync key and the epoch; push and pull live in push_engine.cpp and pull_engine.cpp.
#include "sync/server/sync_service.hpp"

#include "server/core/credentials.hpp"
#include "server/core/ids.hpp"
#include "sync/server/mutation_registry.hpp"

namespace kompetens::sync {

std::optional<core::failure> check_device(stores& s, core::principal const& who, std::string const& device_id)
{
    if (!core::is_uuid(device_id))
        return core::invalid("/X-Device-Id", "must be the device's UUID");
    auto d = s.accounts.find_device(device_id);
    if (!d)
        return core::failure{core::errc::unknown_device, "/X-Device-Id", "this device is not registered"};
    if (d->account_id != who.account_id || (who.device_id && *who.device_id != device_id))
        return core::failure{
            core::errc::device_user_mismatch, "/X-Device-Id", "this device is registered to another account"};
    if (d->wipe_requested_at || d->revoked_at)
        return core::failure{core::errc::wipe_required, "/X-Device-Id", "this device must erase its data"};
    return std::nullopt;
}

std::string sync_service::key()
{
    {
        // A read: on SQLite a write transaction would take the one writer lock on every pull.
        auto tx = backend_.begin(transaction_kind::snapshot);
        if (auto m = tx->get().sync.meta(); !m.secret.empty())
            return m.secret;
    }
    {
        auto tx = backend_.begin(transaction_kind::write);
        tx->get().sync.set_secret_if_empty(core::new_token());
        tx->commit();
    }
    auto tx = backend_.begin(transaction_kind::write);
    return tx->get().sync.meta().secret; // whoever came first
}

core::result<std::string> sync_service::poke_subject(core::principal const& who, std::string const& device_id)
{
    if (!who.employee_id)
        return core::failure{core::errc::forbidden, "", "only an account of a person receives pokes"};
    auto tx = backend_.begin(transaction_kind::snapshot);
    if (auto f = check_device(tx->get(), who, device_id))
        return *f;
    return *who.employee_id;
}

long long sync_service::bump_epoch()
{
    auto tx = backend_.begin(transaction_kind::write);
    auto e = tx->get().sync.bump_epoch();
    tx->commit();
    return e;
}

core::result<boost::json::object>
sync_service::hello(core::principal const& who, std::string const& device_id, hello_request const& h)
{
    auto tx = backend_.begin(transaction_kind::write);
    auto& s = tx->get();
    auto const now = clock_.now();
    auto const meta = s.sync.meta();
    std::string status = "ok";
    if (auto f = check_device(s, who, device_id))
    {
        if (f->code == core::errc::unknown_device)
            status = "unknown_device";
        else if (f->code == core::errc::wipe_required)
            status = "wipe_required";
        else
            return *f;
    }
    boost::json::object lanes;
    if (status == "ok")
    {
        auto st = s.sync.find_device_state(device_id).value_or(device_state{});
        st.device_id = device_id;
        st.app_version = h.app_version;
        st.schema_version = h.schema_version;
        st.last_seen_at = now;
        s.sync.save_device_state(st);
        lanes["critical"] = boost::json::object{{"last_seq", s.sync.last_seq(device_id, lane::critical)}};
        lanes["normal"] = boost::json::object{{"last_seq", s.sync.last_seq(device_id, lane::normal)}};
    }
    tx->commit();
    boost::json::array handlers;
    for (auto const& e : mutation_names())
        handlers.emplace_back(e);
    return boost::json::object{
        {"server_time_ms", now},
        {"sync_epoch", meta.epoch},
        {"device_status", status},
        {"supported",
         {{"protocol", boost::json::array{protocol_version, protocol_version}},
          {"schema", boost::json::array{meta.min_schema, meta.max_schema}},
          {"push_only_below_schema", meta.push_only_below_schema},
          {"mutations", std::move(handlers)}}},
        {"lanes", std::move(lanes)},
        {"policy",
         {{"lease_ttl_s",
           {{"low", settings_.leases.low_ms / 1000},
            {"medium", settings_.leases.medium_ms / 1000},
            {"high", settings_.leases.high_ms / 1000}}},
          {"max_offline_read_s", settings_.max_offline_read_ms / 1000},
          {"pull_interval_s", settings_.pull_interval_s},
          {"page_rows", max_page_rows},
          {"page_bytes", max_page_bytes},
          {"push_mutations", max_push_mutations},
          {"push_bytes", max_push_bytes}}}};
}

} // namespace kompetens::sync
