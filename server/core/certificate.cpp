#include "server/core/certificate.hpp"

namespace kompetens::core {

std::optional<std::string> sniff_certificate_type(std::string_view b) noexcept
{
    if (b.substr(0, 5) == "%PDF-")
        return "application/pdf";
    if (b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
        return "image/png";
    if (b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3))
        return "image/jpeg";
    return std::nullopt;
}

std::optional<failure> validate_certificate(std::string_view declared_type, std::string_view bytes)
{
    if (bytes.empty())
        return invalid("", "the file is empty");
    if (bytes.size() > max_certificate_bytes)
        return failure{errc::payload_too_large, "", "a certificate is at most 5 MB"};
    auto const type = declared_type.substr(0, declared_type.find(';'));
    if (type != "application/pdf" && type != "image/png" && type != "image/jpeg")
        return failure{errc::unsupported_media_type, "", "a certificate is a PDF, PNG or JPEG file"};
    auto const actual = sniff_certificate_type(bytes);
    if (!actual || *actual != type)
        return failure{
            errc::unsupported_media_type, "", "the file's content is not the type it claims to be"};
    return std::nullopt;
}

} // namespace kompetens::core
