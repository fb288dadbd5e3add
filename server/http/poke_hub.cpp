#include "server/http/poke_hub.hpp"

#include <algorithm>

namespace kompetens::http {

std::uint64_t poke_hub::subscribe(std::string const& employee_id, listener l)
{
    std::lock_guard lock(mutex_);
    auto const token = next_token_++;
    by_employee_.emplace(employee_id, std::pair{token, std::move(l)});
    employee_of_.emplace(token, employee_id);
    return token;
}

void poke_hub::unsubscribe(std::uint64_t token)
{
    std::lock_guard lock(mutex_);
    auto it = employee_of_.find(token);
    if (it == employee_of_.end())
        return;
    auto [first, last] = by_employee_.equal_range(it->second);
    for (auto e = first; e != last; ++e)
        if (e->second.first == token)
        {
            by_employee_.erase(e);
            break;
        }
    employee_of_.erase(it);
}

std::size_t poke_hub::listeners() const
{
    std::lock_guard lock(mutex_);
    return employee_of_.size();
}

void poke_hub::prime(std::vector<core::notification> const& rows, core::millis now)
{
    std::lock_guard lock(mutex_);
    for (auto const& n : rows)
        seen_.emplace(n.id, n.created_at);
    std::erase_if(seen_, [&](auto const& kv) { return kv.second < window_start(now); });
}

int poke_hub::feed(std::vector<core::notification> const& rows, core::millis now)
{
    // The oldest new notice per recipient: one poke each, however many notices arrived together.
    std::unordered_map<std::string, core::millis> due;
    std::vector<listener> to_call;
    std::vector<core::millis> times;
    {
        std::lock_guard lock(mutex_);
        for (auto const& n : rows)
        {
            if (!seen_.emplace(n.id, n.created_at).second)
                continue;
            auto [it, added] = due.emplace(n.recipient_id, n.created_at);
            if (!added)
                it->second = std::min(it->second, n.created_at);
        }
        std::erase_if(seen_, [&](auto const& kv) { return kv.second < window_start(now); });
        for (auto const& [employee, created] : due)
        {
            auto [first, last] = by_employee_.equal_range(employee);
            for (auto e = first; e != last; ++e)
            {
                to_call.push_back(e->second.second);
                times.push_back(created);
            }
        }
    }
    // Outside the lock: a listener may unsubscribe (its connection closing) while we call it.
    for (std::size_t i = 0; i < to_call.size(); ++i)
        to_call[i](times[i]);
    return static_cast<int>(to_call.size());
}

} // namespace kompetens::http
