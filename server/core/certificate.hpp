#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kompetens::core {

/** An uploaded certificate file, known by the SHA-256 of its bytes. */
struct certificate
{
    std::string organisation_id;
    std::string sha256; // lower-case hex
    std::string content_type;
    long long size_bytes = 0;
    std::string uploaded_by; // account id
    millis uploaded_at = 0;
};

constexpr std::size_t max_certificate_bytes = 5 * 1024 * 1024;

/** The type the bytes really are (PDF, PNG or JPEG, by their magic numbers), or nothing. */
std::optional<std::string> sniff_certificate_type(std::string_view bytes) noexcept;

/** Checks an upload: not empty, at most 5 MB, one of the accepted types, and the declared Content-Type
    matching what the bytes are (a renamed executable is refused). */
std::optional<failure> validate_certificate(std::string_view declared_type, std::string_view bytes);

} // namespace kompetens::core
