#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kompetens::sync {

/** gzip (RFC 1952) for bodies on the wire: pull pages are JSON of repeated keys and ids, and shrink to a
    fraction, which is what a phone on a weak connection pays for. Level 1: the fastest, since the server
    compresses every page of a shift-change storm. */
std::string gzip(std::string_view data, int level = 1);

/** The original bytes, or nothing when `data` is not valid gzip or would unpack to more than `max_size`
    (a small body that inflates to gigabytes is refused, not unpacked). */
std::optional<std::string> gunzip(std::string_view data, std::size_t max_size = 64 * 1024 * 1024);

/** Whether an Accept-Encoding header value admits gzip (`gzip`, `x-gzip` or `*`, not with q=0). */
bool accepts_gzip(std::string_view accept_encoding) noexcept;

} // namespace kompetens::sync
