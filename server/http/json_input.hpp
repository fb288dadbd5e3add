#pragma once
#include "server/core/errc.hpp"
#include "server/http/message.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kompetens::http {

/** Parses a request body that must be a JSON object: checks Content-Type (415), syntax and depth (400
    `malformed_json`). */
core::result<boost::json::object> parse_json_object(request const& req);

/** A tolerant reader over one JSON object: unknown keys are ignored, a wrong type or a missing required
    key records the first fault with its JSON pointer (`/name`). Read everything, then check `error()`. */
class json_fields
{
    boost::json::object const& o_;
    std::optional<core::failure> error_;

    void fail(std::string_view key, std::string detail);

public:
    explicit json_fields(boost::json::object const& o) : o_(o) {}

    std::string text(std::string_view key);                         // required string
    std::optional<std::string> optional_text(std::string_view key); // absent or null → nullopt
    /** For PATCH: absent → nullopt; null → optional holding nullopt; a string → it. */
    std::optional<std::optional<std::string>> nullable_text(std::string_view key);
    std::optional<double> optional_number(std::string_view key);
    std::optional<std::vector<std::string>> optional_text_array(std::string_view key);
    bool has(std::string_view key) const { return o_.contains(key); }

    std::optional<core::failure> const& error() const noexcept { return error_; }
};

} // namespace kompetens::http
