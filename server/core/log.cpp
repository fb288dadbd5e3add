#include "server/core/log.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>

namespace kompetens::core::log {

namespace {

std::atomic<int> threshold{static_cast<int>(level::info)};

constexpr std::size_t batch_limit = 16 * 1024;

void write_all(std::string_view bytes)
{
    while (!bytes.empty())
    {
        auto const n = ::write(2, bytes.data(), bytes.size());
        if (n <= 0)
            return; // stderr is gone: nothing better to do with a log line
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

// The gathered lines and the thread that writes them. One mutex covers both the buffer and the write, so
// that a warning written at once can never overtake info lines gathered before it.
struct batcher
{
    std::mutex mutex;
    std::condition_variable wake;
    std::string pending;
    bool on = false;
    bool stopping = false;
    std::thread writer;

    void flush_locked()
    {
        write_all(pending);
        pending.clear();
    }
};

batcher& the_batcher()
{
    static batcher b;
    return b;
}

} // namespace

void set_threshold(level l)
{
    threshold.store(static_cast<int>(l));
}

void write(level l, std::string_view component, std::string_view message)
{
    if (static_cast<int>(l) > threshold.load(std::memory_order_relaxed))
        return;
    std::string line;
    line.reserve(component.size() + message.size() + 8);
    line += '<';
    line += static_cast<char>('0' + static_cast<int>(l));
    line += '>';
    line += component;
    line += ": ";
    line += message;
    line += '\n';
    auto& b = the_batcher();
    std::lock_guard lock(b.mutex);
    if (b.on && l >= level::info)
    {
        b.pending += line;
        if (b.pending.size() >= batch_limit)
            b.flush_locked();
        return;
    }
    b.flush_locked();
    write_all(line);
}

void start_batching(std::chrono::milliseconds interval)
{
    auto& b = the_batcher();
    std::lock_guard lock(b.mutex);
    if (b.on)
        return;
    b.on = true;
    b.stopping = false;
    b.writer = std::thread([&b, interval] {
        std::unique_lock held(b.mutex);
        while (!b.stopping)
        {
            b.wake.wait_for(held, interval, [&b] { return b.stopping; });
            b.flush_locked();
        }
    });
}

void stop_batching()
{
    auto& b = the_batcher();
    {
        std::lock_guard lock(b.mutex);
        if (!b.on)
            return;
        b.stopping = true;
        b.on = false;
    }
    b.wake.notify_one();
    b.writer.join();
    std::lock_guard lock(b.mutex);
    b.flush_locked();
}

} // namespace kompetens::core::log
