#include "server/http/routes/api.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <string>

namespace {

// Reads "METHOD /path" for every operation in the document: paths sit at two spaces of indent under
// `paths:`, methods at four. Enough for our own file, whose layout the formatter of a person keeps.
std::set<std::string> documented_operations(std::string const& file, std::set<std::string>& without_access)
{
    std::ifstream in(file);
    REQUIRE(in);
    std::set<std::string> ops;
    std::string line, path, op;
    bool in_paths = false;
    while (std::getline(in, line))
    {
        if (line == "paths:")
        {
            in_paths = true;
            continue;
        }
        if (in_paths && !line.empty() && line[0] != ' ')
            break;
        if (!in_paths)
            continue;
        if (line.rfind("  /", 0) == 0 && line.back() == ':')
            path = line.substr(2, line.size() - 3);
        else if (line.size() > 5 && line.rfind("    ", 0) == 0 && line[4] != ' ' && line.back() == ':')
        {
            std::string m = line.substr(4, line.size() - 5);
            for (auto& c : m)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            op = m + " " + path;
            ops.insert(op);
            without_access.insert(op);
        }
        else if (line.rfind("      x-access:", 0) == 0)
            without_access.erase(op);
    }
    return ops;
}

} // namespace

TEST_CASE("the OpenAPI document and the router list the same operations", "[http][openapi]")
{
    char const* src = std::getenv("KOMPETENS_SOURCE_DIR");
    REQUIRE(src != nullptr);
    std::set<std::string> without_access;
    auto const documented =
        documented_operations(std::string(src) + "/clients/mobile-api/openapi.yaml", without_access);
    std::set<std::string> routed;
    for (auto const& r : kompetens::http::api_routes())
        routed.insert(std::string(r.method) + " " + std::string(r.path));
    CHECK(documented == routed);
    // Every operation says who may call it, as every route does.
    CHECK(without_access.empty());
}
