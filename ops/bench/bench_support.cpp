#include "ops/bench/bench_support.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace kompetens::bench {

using test::http_client;
using test::http_reply;
using test::server_process;

namespace {

/** The parameters of a `DETAIL:  parameters: $1 = '…', $2 = NULL` entry, by number (index 0 unused). A
    hand-written scanner: values run to tens of kilobytes, too long for std::regex's recursion. */
std::vector<std::string> parameters_of(std::string const& detail)
{
    std::vector<std::string> values(1);
    std::size_t i = 0;
    while ((i = detail.find('$', i)) != std::string::npos)
    {
        std::size_t j = i + 1;
        while (j < detail.size() && std::isdigit(static_cast<unsigned char>(detail[j])))
            ++j;
        if (j == i + 1 || detail.compare(j, 3, " = ") != 0)
        {
            i = j;
            continue;
        }
        auto const n = static_cast<std::size_t>(std::stoul(detail.substr(i + 1, j - i - 1)));
        j += 3;
        std::string value;
        if (detail.compare(j, 4, "NULL") == 0)
        {
            value = "NULL";
            j += 4;
        }
        else if (j < detail.size() && detail[j] == '\'')
        {
            std::size_t k = j + 1;
            for (; k < detail.size(); ++k)
                if (detail[k] == '\'')
                {
                    if (k + 1 < detail.size() && detail[k + 1] == '\'')
                        ++k; // '' inside the literal
                    else
                        break;
                }
            value = detail.substr(j, k + 1 - j); // still a quoted SQL literal
            j = k + 1;
        }
        if (values.size() <= n)
            values.resize(n + 1);
        values[n] = value;
        i = j;
    }
    return values;
}

} // namespace

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string password_of(server_process const& p, std::string const& user)
{
    std::ifstream in(p.dir() + "/credentials.txt");
    std::string line;
    while (std::getline(in, line))
    {
        std::istringstream ls(line);
        std::string u, pw;
        ls >> u >> pw;
        if (u == user)
            return pw;
    }
    throw std::runtime_error("no demo account " + user);
}

boost::json::value json_ok(http_reply const& r, int status, char const* what)
{
    if (r.status != status)
        throw std::runtime_error(std::string(what) + ": " + std::to_string(r.status) + " " + r.body);
    return boost::json::parse(r.body);
}

std::string login(http_client& c, server_process const& p, std::string const& user)
{
    auto r = c.json(
        "POST",
        "/api/v1/auth/login",
        R"({"username":")" + user + R"(","password":")" + password_of(p, user) + "\"}"
    );
    auto const j = json_ok(r, 200, "login");
    return std::string(j.at("access_token").as_string());
}

std::size_t file_size(std::string const& path)
{
    std::ifstream in(path, std::ios::ate | std::ios::binary);
    return in ? static_cast<std::size_t>(in.tellg()) : 0;
}

std::string read_from(std::string const& path, std::size_t offset)
{
    std::ifstream in(path, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(offset));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string pgbench_script(std::string const& log, int& statements)
{
    std::vector<std::string> entries;
    std::istringstream in(log);
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty() && line[0] == '\t' && !entries.empty())
            entries.back() += "\n" + line.substr(1);
        else
            entries.push_back(line);
    }
    std::vector<std::string> out;
    for (auto const& e : entries)
    {
        static std::string const log_tag = "LOG:  ", detail_tag = "DETAIL:  parameters: ";
        if (auto at = e.find(detail_tag); at != std::string::npos && !out.empty())
        {
            auto const values = parameters_of(e.substr(at + detail_tag.size()));
            auto& sql = out.back();
            // Highest numbers first, so that $1 does not eat the start of $10.
            for (std::size_t n = values.size(); n-- > 1;)
            {
                std::string const key = "$" + std::to_string(n);
                for (auto k = sql.find(key); k != std::string::npos; k = sql.find(key, k + values[n].size()))
                    sql.replace(k, key.size(), values[n]);
            }
            continue;
        }
        auto at = e.find(log_tag);
        if (at == std::string::npos)
            continue;
        auto const msg = e.substr(at + log_tag.size());
        if (msg.rfind("statement: ", 0) == 0)
            out.push_back(msg.substr(11));
        else if (msg.rfind("execute ", 0) == 0 && msg.find(": ") != std::string::npos)
            out.push_back(msg.substr(msg.find(": ") + 2));
    }
    std::string script;
    statements = 0;
    for (auto s : out)
    {
        std::string lower = s;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) {
            return static_cast<char>(std::tolower(ch));
        });
        if (lower.rfind("deallocate", 0) == 0)
            continue; // SOCI's clean-up of its prepared statements: the script runs them inline
        if (lower == "commit" || lower == "end")
            s = "rollback";
        // The view the capture stored keeps its id; a replay stores its own (rolled back again).
        if (lower.rfind("insert into sync_cvr", 0) == 0)
            if (auto v = s.find("values ('"); v != std::string::npos)
                s.replace(v + 8, s.find('\'', v + 9) + 1 - (v + 8), "gen_random_uuid()::text");
        script += s + ";\n";
        ++statements;
    }
    return script;
}

double pgbench_ms(std::string const& url, std::string const& script_path, int transactions)
{
    auto const output = run_command(
        "pgbench -n -c 1 -j 1 -t " + std::to_string(transactions) + " -f " + script_path + " '" + url + "'"
    );
    std::smatch m;
    if (!std::regex_search(output, m, std::regex(R"(latency average = ([0-9.]+) ms)")))
        throw std::runtime_error("no latency in pgbench's output:\n" + output);
    return std::stod(m[1]);
}

double pgbench_tps(std::string const& url, std::string const& script_path, int clients, int seconds)
{
    auto const output = run_command(
        "pgbench -n -c " + std::to_string(clients) + " -j 1 -T " + std::to_string(seconds) + " -f " +
        script_path + " '" + url + "'"
    );
    std::smatch m;
    if (!std::regex_search(output, m, std::regex(R"(tps = ([0-9.]+) \(without initial connection time\))")))
        throw std::runtime_error("no tps in pgbench's output:\n" + output);
    return std::stod(m[1]);
}

std::string run_command(std::string const& cmd)
{
    FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
    if (p == nullptr)
        throw std::runtime_error("cannot run: " + cmd);
    std::string output;
    char buf[4096];
    while (auto n = std::fread(buf, 1, sizeof buf, p))
        output.append(buf, n);
    if (::pclose(p) != 0)
        throw std::runtime_error(cmd + " failed:\n" + output);
    return output;
}

std::string with_statement_log(std::string const& url)
{
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-c%20log_statement%3Dall";
}

} // namespace kompetens::bench
