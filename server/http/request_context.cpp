#include "server/http/request_context.hpp"

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include <stdexcept>

namespace kompetens::http {

std::string const& request_context::param(std::string_view name) const
{
    for (auto const& [k, v] : params)
        if (k == name)
            return v;
    throw std::logic_error("route has no parameter " + std::string(name));
}

std::optional<std::string> request_context::query(std::string_view name) const
{
    auto const q = req.query();
    if (q.empty())
        return std::nullopt;
    auto parsed = boost::urls::parse_query(q);
    if (!parsed)
        return std::nullopt;
    for (auto const& p : boost::urls::params_view(*parsed))
        if (p.key == name)
            return std::string(p.value);
    return std::nullopt;
}

} // namespace kompetens::http
