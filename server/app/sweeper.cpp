#include "server/app/sweeper.hpp"

#include "server/core/calendar.hpp"
#include "server/core/credentials.hpp"
#include "server/core/delegation_service.hpp"
#include "server/core/ids.hpp"
#include "server/core/log.hpp"
#include "server/core/special_role_service.hpp"
#include "server/core/training_service.hpp"
#include "server/http/webhook_client.hpp"
#include "server/storage/unit_of_work.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace kompetens::app {

namespace {

constexpr std::size_t people_per_transaction = 100;

std::string payload_of(core::notification const& n)
{
    boost::json::object o{
        {"id", n.id},
        {"organisation_id", n.organisation_id},
        {"recipient_id", n.recipient_id},
        {"kind", n.kind},
        {"subject_type", n.subject_type},
        {"subject_id", n.subject_id},
        {"about_employee_id", n.about_employee_id},
        {"created_at", n.created_at}};
    if (n.on)
        o["on"] = *n.on;
    return boost::json::serialize(o);
}

} // namespace

sweeper::sweeper(storage::database& db, core::clock const& clock, sweeper_settings s)
    : db_(db), clock_(clock), settings_(std::move(s))
{
}

sweeper::~sweeper()
{
    stop();
}

void sweeper::start()
{
    if (settings_.sweep_interval.count() == 0 && !settings_.webhook_url)
        return; // nothing to do in the background
    thread_ = std::thread([this] { loop(); });
}

void sweeper::stop()
{
    {
        std::lock_guard lock(m_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void sweeper::loop()
{
    auto next_sweep = std::chrono::steady_clock::now(); // a first pass at start-up catches up on downtime
    for (;;)
    {
        try
        {
            if (settings_.sweep_interval.count() > 0 && std::chrono::steady_clock::now() >= next_sweep)
            {
                int const n = sweep_once();
                core::log::info("sweeper", "engine pass recomputed " + std::to_string(n) + " people");
                next_sweep = std::chrono::steady_clock::now() + settings_.sweep_interval;
            }
            if (settings_.webhook_url)
                deliver_once();
        }
        catch (std::exception const& e)
        {
            // A database outage ends this round only; the next one tries again.
            core::log::warning("sweeper", std::string("round failed: ") + storage::database::loggable(e));
        }
        std::unique_lock lock(m_);
        auto const wait =
            settings_.webhook_url
                ? settings_.webhook_interval
                : std::chrono::duration_cast<std::chrono::milliseconds>(settings_.sweep_interval);
        if (cv_.wait_for(lock, wait, [this] { return stopping_; }))
            return;
    }
}

int sweeper::sweep_once()
{
    std::vector<std::string> orgs;
    {
        storage::unit_of_work uow{db_, storage::access_mode::read};
        core::page_request pr;
        pr.limit = core::page_request::max_limit;
        for (;;)
        {
            auto page = uow.directory().list_organisations(std::nullopt, pr);
            for (auto const& o : page.items)
                orgs.push_back(o.id);
            if (!page.next)
                break;
            pr.after = page.next;
        }
    }
    int total = 0;
    for (auto const& org : orgs)
    {
        std::vector<std::string> people;
        {
            storage::unit_of_work uow{db_, storage::access_mode::read};
            people = uow.training().people_to_recompute(org, core::stockholm_today(clock_.now()));
        }
        for (std::size_t at = 0; at < people.size(); at += people_per_transaction)
        {
            storage::unit_of_work uow{
                db_, storage::access_mode::write, "sweep-" + core::new_uuid_v7(clock_.now())};
            core::training_service svc{
                uow.directory(), uow.training(), uow.audit(), uow.notifications(), clock_};
            auto const end = std::min(people.size(), at + people_per_transaction);
            for (auto i = at; i < end; ++i)
                svc.recompute_person(org, people[i]);
            uow.commit();
            total += static_cast<int>(end - at);
        }
        // Delegations: expiry, termination, lapsed prerequisites and expiry reminders.
        storage::unit_of_work uow{
            db_, storage::access_mode::write, "sweep-" + core::new_uuid_v7(clock_.now())};
        core::delegation_service{
            uow.directory(),
            uow.training(),
            uow.delegations(),
            uow.accounts(),
            uow.audit(),
            uow.notifications(),
            clock_}
            .sweep(org, settings_.delegation_absence_months);
        // Special roles whose qualification lapsed (a course expired, the transitional right ended).
        core::special_role_service{uow.role_ports(), clock_}.sweep(org);
        uow.commit();
    }
    return total;
}

int sweeper::deliver_once()
{
    if (!settings_.webhook_url)
        return 0;
    std::vector<core::notification> batch;
    {
        storage::unit_of_work uow{db_, storage::access_mode::read};
        batch = uow.notifications().webhook_pending(clock_.now(), 50);
    }
    int delivered = 0;
    for (auto const& n : batch)
    {
        auto const body = payload_of(n);
        std::vector<std::pair<std::string, std::string>> headers{{"X-Kompetens-Delivery", n.id}};
        if (!settings_.webhook_secret.empty())
            headers.emplace_back(
                "X-Kompetens-Signature", "sha256=" + core::hmac_sha256_hex(settings_.webhook_secret, body)
            );
        auto const outcome =
            http::post_webhook(*settings_.webhook_url, body, headers, settings_.webhook_timeout);
        storage::unit_of_work uow{db_, storage::access_mode::write};
        auto const now = clock_.now();
        if (outcome.delivered)
        {
            uow.notifications().webhook_delivered(n.id, now);
            ++delivered;
        }
        else
        {
            // Exponential backoff from the delivery interval, at most six hours between attempts.
            int const attempts = n.webhook_attempts + 1;
            long long delay = settings_.webhook_interval.count() << std::min(attempts, 20);
            delay = std::min<long long>(delay, 6LL * 3600 * 1000);
            bool const give_up = attempts >= settings_.webhook_max_attempts;
            uow.notifications().webhook_failed(n.id, now + delay, give_up);
            core::log::warning(
                "webhook",
                "delivery " + n.id + " failed (" + outcome.error + ")" +
                    (give_up ? "; given up" : "; will retry")
            );
        }
        uow.commit();
        if (!outcome.delivered)
            break; // the receiver is down: the rest waits for the next round rather than timing out in turn
    }
    return delivered;
}

} // namespace kompetens::app
