#include "server/http/csv.hpp"

namespace kompetens::http {

namespace {
void cell(std::string& out, std::string const& v)
{
    std::string text = v;
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
        text.insert(text.begin(), '\'');
    if (text.find_first_of(",\"\r\n") == std::string::npos)
    {
        out += text;
        return;
    }
    out += '"';
    for (char c : text)
    {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void line(std::string& out, std::vector<std::string> const& cells)
{
    for (std::size_t i = 0; i < cells.size(); ++i)
    {
        if (i > 0)
            out += ',';
        cell(out, cells[i]);
    }
    out += "\r\n";
}
} // namespace

response csv_response(
    std::vector<std::string> const& header,
    std::vector<std::vector<std::string>> const& rows,
    std::string const& file_name
)
{
    response r;
    r.content_type = "text/csv; charset=utf-8";
    line(r.body, header);
    for (auto const& row : rows)
        line(r.body, row);
    r.set("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
    return r;
}

bool wants_csv(std::string_view query)
{
    return query == "format=csv" || query.find("&format=csv") != std::string_view::npos ||
           query.rfind("format=csv&", 0) == 0;
}

} // namespace kompetens::http
