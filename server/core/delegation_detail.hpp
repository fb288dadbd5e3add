#pragma once
// Small helpers shared by the delegation use-case files (one class, split by concern).
#include <boost/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace kompetens::core::delegation_detail {

inline bool contains(std::vector<std::string> const& v, std::string const& x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

/** A JSON object of string fields: an event's detail. */
inline std::string json_detail(std::initializer_list<std::pair<char const*, std::string>> fields)
{
    boost::json::object o;
    for (auto const& [k, v] : fields)
        o[k] = v;
    return boost::json::serialize(o);
}

} // namespace kompetens::core::delegation_detail
