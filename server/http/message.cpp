#include "server/http/message.hpp"

namespace kompetens::http {

bool iequals(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

std::string_view request::header(std::string_view name) const noexcept
{
    for (auto const& [k, v] : headers)
        if (iequals(k, name))
            return v;
    return {};
}

std::string_view request::path() const noexcept
{
    std::string_view t = target;
    return t.substr(0, t.find('?'));
}

std::string_view request::query() const noexcept
{
    std::string_view t = target;
    auto const q = t.find('?');
    return q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

} // namespace kompetens::http
