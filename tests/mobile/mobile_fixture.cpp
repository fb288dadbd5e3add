#include "tests/mobile/mobile_fixture.hpp"

#include "server/storage/database.hpp"
#include "server/storage/unit_of_work.hpp"

#include <soci/soci.h>

namespace kompetens::test {

bool fault_switch::roll(double p)
{
    return p > 0 && std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

mobile::reply fault_switch::forward(
    std::string const& m, std::string const& t, std::string const& b, mobile::header_list const& h
)
{
    if (!http_ || http_port_ != port)
    {
        http_ = std::make_unique<mobile::http_transport>("http://127.0.0.1:" + std::to_string(port));
        http_port_ = port;
    }
    return http_->send(m, t, b, h);
}

mobile::transport fault_switch::as_transport()
{
    return [this](
               std::string const& m, std::string const& t, std::string const& b, mobile::header_list const& h
           ) {
        if (offline)
            throw mobile::transport_error("offline");
        if (roll(drop_request) && ++dropped_requests)
            throw mobile::transport_error("request dropped");
        ++sent;
        auto r = forward(m, t, b, h);
        if (roll(duplicate) && ++duplicated)
            r = forward(m, t, b, h);
        if (t == "/sync/v1/pull")
            pull_bytes += static_cast<long>(r.body.size());
        if (after_send)
            after_send(t);
        if (roll(drop_response) && ++dropped_responses)
            throw mobile::transport_error("response dropped");
        if (rewrite)
            rewrite(t, r);
        if (t == "/sync/v1/pull" && r.status == 200)
        {
            old_pulls_.push_back(r);
            if (old_pulls_.size() > 3)
                old_pulls_.pop_front();
            if (old_pulls_.size() == 3 && roll(replay_pull) && ++replayed)
                return old_pulls_.front(); // reordered: an old answer arrives last
        }
        return r;
    };
}

test_phone::test_phone(
    e2e_server& s, std::string const& username, std::string const& data_dir, mobile::engine_settings settings
)
    : data_dir_(data_dir.empty() ? dir.path() : data_dir), settings_(std::move(settings))
{
    net.port = s.proc.port();
    clock.wall = 1'795'430'400'000;
    clock.monotonic = 5'000'000;
    client =
        std::make_unique<mobile::mobile_client>(data_dir_, username, net.as_transport(), clock, settings_);
    if (!client->signed_in())
    {
        auto err = client->sign_in(s.password_of(username));
        INFO(err.value_or(""));
        REQUIRE_FALSE(err);
    }
}

void test_phone::restart(std::string const& username)
{
    client.reset();
    client =
        std::make_unique<mobile::mobile_client>(data_dir_, username, net.as_transport(), clock, settings_);
}

void test_phone::upgrade(std::string const& username, mobile::engine_settings settings)
{
    settings_ = std::move(settings);
    restart(username);
}

std::string module_of_kind(mobile::mobile_client& phone, std::string const& kind)
{
    if (phone.catalog().empty())
        REQUIRE_FALSE(phone.fetch_catalog());
    auto const cat = phone.catalog();
    for (auto const& c : cat.at("courses").as_array())
        for (auto const& m : c.at("modules").as_array())
            if (m.at("kind").as_string() == kind)
                return std::string(m.at("id").as_string());
    FAIL("no " << kind << " module in the demo catalogue");
    return {};
}

long long ledger_rows(e2e_server& s, std::string const& device_id)
{
    auto db = s.fresh.open_migrated(1);
    storage::unit_of_work uow{*db, storage::access_mode::read};
    long long n = 0;
    uow.sql() << "select count(*) from sync_mutation where device_id = :d", soci::use(device_id),
        soci::into(n);
    return n;
}

std::vector<std::string> ledger_mids(e2e_server& s, std::string const& device_id, std::string const& lane)
{
    auto db = s.fresh.open_migrated(1);
    storage::unit_of_work uow{*db, storage::access_mode::read};
    soci::rowset<std::string> rows =
        (uow.sql().prepare << "select mid from sync_mutation where device_id = :d and lane = :l order by seq",
         soci::use(device_id),
         soci::use(lane));
    std::vector<std::string> out(rows.begin(), rows.end());
    long long top = 0;
    uow.sql() << "select coalesce(max(seq), 0) from sync_mutation where device_id = :d and lane = :l",
        soci::use(device_id), soci::use(lane), soci::into(top);
    CHECK(top == static_cast<long long>(out.size())); // gap-free on the server too
    return out;
}

} // namespace kompetens::test
