#include "sync/protocol/gzip.hpp"

#include <cctype>
#include <cstdlib>
#include <string>
#include <zlib.h>

namespace kompetens::sync {

namespace {
constexpr int gzip_window = 15 + 16; // zlib's way of asking for a gzip header and trailer
}

std::string gzip(std::string_view data, int level)
{
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, gzip_window, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int const rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : std::string();
}

std::optional<std::string> gunzip(std::string_view data, std::size_t max_size)
{
    z_stream zs{};
    if (inflateInit2(&zs, gzip_window) != Z_OK)
        return std::nullopt;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buf[16384];
    int rc = Z_OK;
    while (rc == Z_OK)
    {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        out.append(buf, sizeof buf - zs.avail_out);
        if (out.size() > max_size)
        {
            rc = Z_MEM_ERROR;
            break;
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0)
        {
            rc = Z_DATA_ERROR; // the input ended before the stream did: cut off
            break;
        }
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return std::nullopt;
    return out;
}

bool accepts_gzip(std::string_view v) noexcept
{
    // Tokens separated by commas, each maybe with ";q=…"; q=0 means "not this one".
    while (!v.empty())
    {
        auto const comma = v.find(',');
        auto token = v.substr(0, comma);
        v = comma == std::string_view::npos ? std::string_view{} : v.substr(comma + 1);
        while (!token.empty() && std::isspace(static_cast<unsigned char>(token.front())))
            token.remove_prefix(1);
        auto const semi = token.find(';');
        auto name = token.substr(0, semi);
        while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
            name.remove_suffix(1);
        bool refused = false;
        if (semi != std::string_view::npos)
            if (auto const q = token.find("q=", semi); q != std::string_view::npos)
            {
                std::string const weight(token.substr(q + 2));
                refused = std::strtod(weight.c_str(), nullptr) <= 0.0;
            }
        if ((name == "gzip" || name == "x-gzip" || name == "*") && !refused)
            return true;
    }
    return false;
}

} // namespace kompetens::sync
