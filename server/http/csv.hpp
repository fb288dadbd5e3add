#pragma once
#include "server/http/message.hpp"

#include <string>
#include <vector>

namespace kompetens::http {

/** An RFC 4180 `text/csv` response (UTF-8, CRLF). Cells are quoted when needed, and a cell that a
    spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe. */
response csv_response(
    std::vector<std::string> const& header,
    std::vector<std::vector<std::string>> const& rows,
    std::string const& file_name
);

/** True when the request asks for CSV (`?format=csv`). */
bool wants_csv(std::string_view query);

} // namespace kompetens::http
