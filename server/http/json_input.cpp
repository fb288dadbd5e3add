#include "server/http/json_input.hpp"

#include <boost/json/parse.hpp>

namespace kompetens::http {

core::result<boost::json::object> parse_json_object(request const& req)
{
    auto const ct = req.header("Content-Type");
    auto const base = ct.substr(0, ct.find(';'));
    if (!iequals(base, "application/json"))
        return core::failure{core::errc::unsupported_media_type, "", "send the body as application/json"};
    boost::json::parse_options opts;
    opts.max_depth = 32;
    boost::system::error_code ec;
    auto v = boost::json::parse(req.body, ec, {}, opts);
    if (ec)
        return core::failure{core::errc::malformed_json, "", "the body is not valid JSON: " + ec.message()};
    if (!v.is_object())
        return core::failure{core::errc::malformed_json, "", "the body must be a JSON object"};
    return std::move(v.as_object());
}

void json_fields::fail(std::string_view key, std::string detail)
{
    if (!error_)
        error_ = core::failure{core::errc::validation_failed, "/" + std::string(key), std::move(detail)};
}

std::string json_fields::text(std::string_view key)
{
    auto const* v = o_.if_contains(key);
    if (v == nullptr || v->is_null())
    {
        fail(key, "is required");
        return {};
    }
    if (!v->is_string())
    {
        fail(key, "must be a string");
        return {};
    }
    return std::string(v->get_string());
}

std::optional<std::string> json_fields::optional_text(std::string_view key)
{
    auto const* v = o_.if_contains(key);
    if (v == nullptr || v->is_null())
        return std::nullopt;
    if (!v->is_string())
    {
        fail(key, "must be a string");
        return std::nullopt;
    }
    return std::string(v->get_string());
}

std::optional<std::optional<std::string>> json_fields::nullable_text(std::string_view key)
{
    auto const* v = o_.if_contains(key);
    if (v == nullptr)
        return std::nullopt;
    if (v->is_null())
        return std::optional<std::string>{};
    if (!v->is_string())
    {
        fail(key, "must be a string or null");
        return std::nullopt;
    }
    return std::optional<std::string>{std::string(v->get_string())};
}

std::optional<double> json_fields::optional_number(std::string_view key)
{
    auto const* v = o_.if_contains(key);
    if (v == nullptr || v->is_null())
        return std::nullopt;
    if (!v->is_number())
    {
        fail(key, "must be a number");
        return std::nullopt;
    }
    return v->to_number<double>();
}

std::optional<std::vector<std::string>> json_fields::optional_text_array(std::string_view key)
{
    auto const* v = o_.if_contains(key);
    if (v == nullptr || v->is_null())
        return std::nullopt;
    if (!v->is_array())
    {
        fail(key, "must be an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v->as_array().size(); ++i)
    {
        auto const& item = v->as_array()[i];
        if (!item.is_string())
        {
            fail(std::string(key) + "/" + std::to_string(i), "must be a string");
            return std::nullopt;
        }
        out.emplace_back(item.get_string());
    }
    return out;
}

} // namespace kompetens::http
