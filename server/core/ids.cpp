#include "server/core/ids.hpp"

#include <array>
#include <cstdint>
#include <mutex>
#include <random>

namespace kompetens::core {

namespace {

std::array<std::uint8_t, 10> random_tail()
{
    // One generator per thread, seeded from the OS: ids need to be unique, not secret.
    thread_local std::mt19937_64 gen{
        (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}()};
    std::array<std::uint8_t, 10> out{};
    std::uint64_t a = gen();
    std::uint64_t b = gen();
    for (std::size_t i = 0; i < 8; ++i)
        out[i] = static_cast<std::uint8_t>(a >> (8 * i));
    out[8] = static_cast<std::uint8_t>(b);
    out[9] = static_cast<std::uint8_t>(b >> 8);
    return out;
}

} // namespace

std::string new_uuid_v7(millis now)
{
    // RFC 9562 §6.2 method 1: within one millisecond a 12-bit counter in rand_a keeps ids from this
    // process strictly increasing, so "order by id" is creation order. If the clock steps back, the last
    // timestamp is reused.
    static std::mutex mutex;
    static std::uint64_t last_ms = 0;
    static std::uint32_t counter = 0;
    std::uint64_t ms = static_cast<std::uint64_t>(now);
    std::uint32_t seq = 0;
    {
        std::lock_guard lock(mutex);
        if (ms <= last_ms)
        {
            ms = last_ms;
            if (++counter > 0x0fff)
            {
                ++ms; // counter exhausted: borrow the next millisecond
                counter = 0;
            }
        }
        else
            counter = 0;
        last_ms = ms;
        seq = counter;
    }
    std::array<std::uint8_t, 16> b{};
    for (int i = 0; i < 6; ++i)
        b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    auto const tail = random_tail();
    for (std::size_t i = 0; i < 10; ++i)
        b[6 + i] = tail[i];
    b[6] = static_cast<std::uint8_t>(0x70 | ((seq >> 8) & 0x0f)); // version 7, counter high bits
    b[7] = static_cast<std::uint8_t>(seq & 0xff);
    b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3f)); // variant 10
    static constexpr char hex[] = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (std::size_t i = 0; i < 16; ++i)
    {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            s.push_back('-');
        s.push_back(hex[b[i] >> 4]);
        s.push_back(hex[b[i] & 0x0f]);
    }
    return s;
}

bool is_uuid(std::string_view t) noexcept
{
    if (t.size() != 36)
        return false;
    for (std::size_t i = 0; i < t.size(); ++i)
    {
        char const c = t[i];
        if (i == 8 || i == 13 || i == 18 || i == 23)
        {
            if (c != '-')
                return false;
        }
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

} // namespace kompetens::core
