#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kompetens::test {

/** A phone's WebSocket on `/sync/v1/poke`, for tests: the handshake with the phone's headers, then
    blocking reads with a bound (a hang guard, not a timing assertion). */
class poke_client
{
    struct impl;
    std::unique_ptr<impl> impl_;

public:
    /** Connects and does the handshake; `status` tells how the server answered it (101 when upgraded). */
    poke_client(
        std::uint16_t port,
        std::string const& target,
        std::vector<std::pair<std::string, std::string>> const& headers
    );
    ~poke_client();

    int status() const;
    /** The next text message, or nothing when none came within `timeout_ms` or the server closed. */
    std::optional<std::string> next(int timeout_ms);
};

} // namespace kompetens::test
