#pragma once
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace kompetens::sync {

/** JSON with object keys sorted by their bytes and no whitespace, so that two parties that hold the same
    value produce the same text (PROTOCOL.md, "Mutation hash"). Mutation arguments use strings, integers,
    booleans, null, arrays and objects; a floating-point number is written as Boost.JSON writes it. */
std::string canonical_json(boost::json::value const& v);

/** `sha256:` and the hex SHA-256 of the canonical `{"args":…,"name":…,"v":…}`: what a device sends as a
    mutation's `hash`, and what the server compares when the same sequence number comes again. */
std::string mutation_hash(std::string_view name, int v, boost::json::value const& args);

} // namespace kompetens::sync
