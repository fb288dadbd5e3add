#include "server/core/log.hpp"

#include <atomic>
#include <string>
#include <unistd.h>

namespace kompetens::core::log {

namespace {
std::atomic<int> threshold{static_cast<int>(level::info)};
}

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
    // A single write(2) of a line below PIPE_BUF is atomic, so concurrent lines never interleave.
    [[maybe_unused]] auto n = ::write(2, line.data(), line.size());
}

} // namespace kompetens::core::log
