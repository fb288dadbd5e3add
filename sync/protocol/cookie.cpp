#include "sync/protocol/cookie.hpp"

#include "server/core/credentials.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kompetens::sync {

namespace {

std::string to_url(std::string s)
{
    for (auto& c : s)
        c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!s.empty() && s.back() == '=')
        s.pop_back();
    return s;
}

std::string from_url(std::string_view in)
{
    std::string s(in);
    for (auto& c : s)
        c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (s.size() % 4 != 0)
        s += '=';
    return s;
}

/** Compares without stopping at the first difference, so timing says nothing about a forged MAC. */
bool same(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

std::string encode_cookie(cookie const& c, std::string_view key)
{
    boost::json::object o{
        {"e", c.epoch},
        {"d", c.device_id},
        {"c", c.cvr_id},
        {"o", c.ord},
        {"s", c.schema},
        {"p", c.partial},
        {"t", c.issued_at}};
    auto body = "v1." + to_url(core::to_base64(boost::json::serialize(o)));
    return body + "." + core::hmac_sha256_hex(key, body);
}

std::optional<cookie> decode_cookie(std::string_view text, std::string_view key)
{
    auto const dot = text.rfind('.');
    if (!text.starts_with("v1.") || dot == std::string_view::npos || dot < 3 || key.empty())
        return std::nullopt;
    auto const body = text.substr(0, dot);
    auto const mac = text.substr(dot + 1);
    auto const expected = core::hmac_sha256_hex(key, body);
    if (!same(mac, expected))
        return std::nullopt;
    auto json = core::from_base64(from_url(body.substr(3)));
    if (!json)
        return std::nullopt;
    boost::system::error_code ec;
    auto v = boost::json::parse(*json, ec);
    if (ec || !v.is_object())
        return std::nullopt;
    auto const& o = v.as_object();
    try
    {
        cookie c;
        c.epoch = o.at("e").to_number<long long>();
        c.device_id = std::string(o.at("d").as_string());
        c.cvr_id = std::string(o.at("c").as_string());
        c.ord = o.at("o").to_number<long long>();
        c.schema = o.at("s").to_number<int>();
        c.partial = o.at("p").as_bool();
        c.issued_at = o.at("t").to_number<long long>();
        return c;
    }
    catch (std::exception const&)
    {
        return std::nullopt; // signed by us but not a shape we know: treat as unknown
    }
}

} // namespace kompetens::sync
