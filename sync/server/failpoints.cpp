#include "sync/server/failpoints.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace kompetens::sync {

namespace {

struct point
{
    bool exit = false;
    int sleep_ms = 0;
    long long only_pass = 0; // 0: every pass
    long long passes = 0;
};

std::mutex mutex;
std::map<std::string, point, std::less<>> points;
std::atomic<bool> any{false};

} // namespace

void configure_failpoints(std::string const& spec)
{
    std::lock_guard lock{mutex};
    points.clear();
    std::size_t i = 0;
    while (i < spec.size())
    {
        auto const end = std::min(spec.find(',', i), spec.size());
        auto const item = spec.substr(i, end - i);
        i = end + 1;
        auto const eq = item.find('=');
        if (eq == std::string::npos)
            continue;
        point p;
        auto action = item.substr(eq + 1);
        if (auto const at = action.find('@'); at != std::string::npos)
        {
            p.only_pass = std::atoll(action.c_str() + at + 1);
            action = action.substr(0, at);
        }
        p.exit = action == "exit";
        if (action.rfind("sleep:", 0) == 0)
            p.sleep_ms = std::atoi(action.c_str() + 6);
        points[item.substr(0, eq)] = p;
    }
    any = !points.empty();
}

void configure_failpoints_from_environment()
{
    auto const* enabled = std::getenv("KOMPETENS_ENABLE_FAILPOINTS");
    auto const* spec = std::getenv("KOMPETENS_FAILPOINTS");
    if (enabled != nullptr && std::string_view(enabled) == "1" && spec != nullptr)
        configure_failpoints(spec);
}

void failpoint(std::string_view name)
{
    if (!any)
        return;
    bool exit = false;
    int sleep_ms = 0;
    {
        std::lock_guard lock{mutex};
        auto it = points.find(name);
        if (it == points.end())
            return;
        auto& p = it->second;
        ++p.passes;
        if (p.only_pass != 0 && p.passes != p.only_pass)
            return;
        exit = p.exit;
        sleep_ms = p.sleep_ms;
    }
    if (sleep_ms > 0)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
        return;
    }
    if (exit)
        std::_Exit(137);
    throw std::logic_error("failpoint " + std::string(name));
}

} // namespace kompetens::sync
