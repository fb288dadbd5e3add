#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kompetens::core {

/** Password hashing and opaque tokens, on libsodium. Thread-safe once `init_crypto` has run. */

/** Must be called once before any other function here; throws if libsodium cannot start. */
void init_crypto();

/** argon2id with libsodium's interactive limits; the result embeds salt and parameters. */
std::string hash_password(std::string_view password);
bool verify_password(std::string const& hash, std::string_view password) noexcept;

/** 256 random bits, base64url without padding (43 characters). */
std::string new_token();

/** Lower-case hex SHA-256: how a token is stored and looked up. */
std::string token_digest(std::string_view token);

/** Lower-case hex HMAC-SHA-256 of `message` under `key`: how a webhook receiver checks that a delivery
    came from this server. */
/** Standard base64 (with padding), and back; `from_base64` gives nothing for malformed input. */
std::string to_base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text);

std::string hmac_sha256_hex(std::string_view key, std::string_view message);

} // namespace kompetens::core
