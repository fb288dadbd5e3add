#include "server/core/credentials.hpp"

#include <openssl/evp.h>
#include <sodium.h>
#include <stdexcept>

namespace kompetens::core {

void init_crypto()
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(std::string_view password)
{
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(
            out,
            password.data(),
            password.size(),
            crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE
        ) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(std::string const& hash, std::string_view password) noexcept
{
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_token()
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string token_digest(std::string_view token)
{
    // OpenSSL rather than libsodium for SHA-256: the same digest, but OpenSSL uses the CPU's SHA
    // instructions where libsodium's is portable C. Every pull digests each row of the caller's view;
    // perf found libsodium's SHA-256 at a tenth of the server's samples in B3 (BENCHMARKS.md, profiles).
    // Fetched once: EVP_sha256() makes OpenSSL 3 look the algorithm up in its provider table per call.
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    unsigned char h[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (sha256 == nullptr || EVP_Digest(token.data(), token.size(), h, &n, sha256, nullptr) != 1 || n != 32)
        throw std::runtime_error("SHA-256 failed");
    char hex[32 * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, h, n);
    return hex;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message)
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<unsigned char const*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(
        &st, reinterpret_cast<unsigned char const*>(message.data()), message.size()
    );
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

std::string to_base64(std::string_view bytes)
{
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(
        out.data(),
        out.size(),
        reinterpret_cast<unsigned char const*>(bytes.data()),
        bytes.size(),
        sodium_base64_VARIANT_ORIGINAL
    );
    out.resize(out.size() - 1); // the terminating NUL
    return out;
}

std::optional<std::string> from_base64(std::string_view text)
{
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t len = 0;
    if (sodium_base642bin(
            reinterpret_cast<unsigned char*>(out.data()),
            out.size(),
            text.data(),
            text.size(),
            nullptr,
            &len,
            nullptr,
            sodium_base64_VARIANT_ORIGINAL
        ) != 0)
        return std::nullopt;
    out.resize(len);
    return out;
}

} // namespace kompetens::core
