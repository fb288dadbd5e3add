#include "ops/bench/bench_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
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

phone register_phone(http_client& c, std::string const& account_token, std::string const& device_id)
{
    auto r = c.json(
        "POST",
        "/api/v1/devices",
        R"({"device_id":")" + device_id + R"(","platform":"android"})",
        account_token
    );
    auto const j = json_ok(r, 201, "register device");
    return {device_id, std::string(j.at("access_token").as_string())};
}

std::pair<std::size_t, std::string>
pull_to_end(http_client& c, phone const& p, std::string cookie, boost::json::array* puts)
{
    std::size_t rows = 0;
    for (;;)
    {
        boost::json::object body{
            {"cookie", cookie.empty() ? boost::json::value(nullptr) : boost::json::value(cookie)},
            {"schema_version", 1},
            {"acked", {{"critical", 0}, {"normal", 0}}}};
        auto r = c.request(
            "POST",
            "/sync/v1/pull",
            boost::json::serialize(body),
            {{"Content-Type", "application/json"},
             {"Authorization", "Bearer " + p.token},
             {"X-Device-Id", p.device_id}}
        );
        auto const j = json_ok(r, 200, "pull");
        for (auto const& op : j.at("patch").as_array())
            if (op.at("op").as_string() == "put")
            {
                ++rows;
                if (puts)
                    puts->push_back(op);
            }
        cookie = std::string(j.at("cookie").as_string());
        if (!j.at("has_more").as_bool())
            return {rows, cookie};
    }
}

std::size_t
grow_view_to(http_client& c, server_process const& server, phone const& p, std::size_t target_rows)
{
    auto const hr = login(c, server, "hr");
    auto const me = json_ok(c.get("/api/v1/me", login(c, server, "staff")), 200, "me");
    std::string const employee(me.at("employee_id").as_string());
    auto const courses_json = json_ok(c.get("/api/v1/courses?limit=100", hr), 200, "courses");
    std::vector<std::string> courses;
    for (auto const& course : courses_json.at("items").as_array())
        courses.emplace_back(course.at("id").as_string());
    if (courses.empty())
        throw std::runtime_error("the demo organisation has no courses");
    auto const before = pull_to_end(c, p, "").first;
    for (std::size_t i = 0; before + i < target_rows; ++i)
    {
        // One record per course and day, going back from 2026-11-20.
        std::tm t{};
        t.tm_year = 2026 - 1900;
        t.tm_mon = 10;
        t.tm_mday = 20 - static_cast<int>(i / courses.size());
        std::mktime(&t);
        char date[16];
        std::strftime(date, sizeof date, "%Y-%m-%d", &t);
        auto r = c.json(
            "POST",
            "/api/v1/training-records",
            R"({"employee_id":")" + employee + R"(","course_id":")" + courses[i % courses.size()] +
                R"(","completed_on":")" + date + R"(","score":100})",
            hr
        );
        json_ok(r, 201, "training record");
    }
    return pull_to_end(c, p, "").first;
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
