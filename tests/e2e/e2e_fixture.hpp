#pragma once
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/test_database.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <sstream>

namespace kompetens::test {

/** The test database's URL with its port replaced by a proxy's (PostgreSQL fault tests). */
inline std::string through_proxy(std::string url, std::uint16_t pg_port, std::uint16_t proxy_port)
{
    auto const from = ":" + std::to_string(pg_port) + "/";
    auto const at = url.find(from);
    REQUIRE(at != std::string::npos);
    return url.replace(at, from.size(), ":" + std::to_string(proxy_port) + "/");
}

/** A fresh database on the suite's backend and the real server binary serving it with the demo seed. */
struct e2e_server
{
    fresh_database fresh;
    server_process proc;

    explicit e2e_server(std::vector<std::string> extra = {}) : proc(fresh.url(), with_seed(std::move(extra)))
    {
    }
    /** The same, with the server reaching the database at `url_of(fresh.url())` (through a proxy). */
    e2e_server(std::vector<std::string> extra, std::function<std::string(std::string const&)> const& url_of)
        : proc(url_of(fresh.url()), with_seed(std::move(extra)))
    {
    }

    static std::vector<std::string> with_seed(std::vector<std::string> extra)
    {
        extra.insert(extra.begin(), "--seed-demo");
        return extra;
    }

    /** The demo password of `username`, from the credentials file the seed wrote. */
    std::string password_of(std::string const& username) const
    {
        std::ifstream in(proc.dir() + "/credentials.txt");
        std::string line;
        while (std::getline(in, line))
        {
            std::istringstream ls(line);
            std::string user, pw;
            ls >> user >> pw;
            if (user == username)
                return pw;
        }
        FAIL("no demo account " << username);
        return {};
    }

    std::string login(std::string const& username)
    {
        http_client c{proc.port()};
        auto r = c.json(
            "POST",
            "/api/v1/auth/login",
            R"({"username":")" + username + R"(","password":")" + password_of(username) + "\"}"
        );
        REQUIRE(r.status == 200);
        return std::string(boost::json::parse(r.body).at("access_token").as_string());
    }
};

inline std::string code_of(http_reply const& r)
{
    return std::string(boost::json::parse(r.body).at("code").as_string());
}

} // namespace kompetens::test
