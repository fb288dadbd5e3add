#include "server/app/config.hpp"

#include "server/http/webhook_client.hpp"

#include <boost/json/parse.hpp>

#include <charconv>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace kompetens::app {

namespace {

// One table of keys: the flag is `--key-with-dashes`, the variable KOMPETENS_KEY_IN_CAPS, the file key
// `key_with_underscores`.
struct key_def
{
    std::function<void(config&, std::string const&)> set;
};

int to_int(std::string const& key, std::string const& v, int lo, int hi)
{
    int out = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc{} || p != v.data() + v.size())
        throw config_error("configuration: " + key + " must be a whole number (got \"" + v + "\")");
    if (out < lo || out > hi)
        throw config_error(
            "configuration: " + key + " must be between " + std::to_string(lo) + " and " +
            std::to_string(hi) + " (got " + v + ")"
        );
    return out;
}

bool to_bool(std::string const& key, std::string const& v)
{
    if (v == "true" || v == "1" || v == "yes")
        return true;
    if (v == "false" || v == "0" || v == "no")
        return false;
    throw config_error("configuration: " + key + " must be true or false (got \"" + v + "\")");
}

std::map<std::string, key_def> const& keys()
{
    static std::map<std::string, key_def> const k{
        {"database", {[](config& c, std::string const& v) { c.database = v; }}},
        {"address", {[](config& c, std::string const& v) { c.address = v; }}},
        {"port", {[](config& c, std::string const& v) { c.port = to_int("port", v, 0, 65535); }}},
        {"port_file", {[](config& c, std::string const& v) { c.port_file = v; }}},
        {"db_pool_size",
         {[](config& c, std::string const& v) { c.db_pool_size = to_int("db_pool_size", v, 0, 64); }}},
        {"db_lease_timeout_ms", {[](config& c, std::string const& v) {
             c.db_lease_timeout_ms = to_int("db_lease_timeout_ms", v, 1, 60'000);
         }}},
        {"statement_timeout_ms", {[](config& c, std::string const& v) {
             c.statement_timeout_ms = to_int("statement_timeout_ms", v, 100, 600'000);
         }}},
        {"pg_random_page_cost", {[](config& c, std::string const& v) {
             if (!v.empty())
             {
                 double d = 0;
                 auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
                 if (v.find_first_not_of("0123456789.") != std::string::npos || ec != std::errc{} ||
                     p != v.data() + v.size() || !(d >= 0.1 && d <= 100))
                     throw config_error(
                         "configuration: pg_random_page_cost must be empty or a number between 0.1 and 100 "
                         "(got \"" +
                         v + "\")"
                     );
             }
             c.pg_random_page_cost = v;
         }}},
        {"io_threads",
         {[](config& c, std::string const& v) { c.io_threads = to_int("io_threads", v, 1, 64); }}},
        {"header_timeout_ms", {[](config& c, std::string const& v) {
             c.header_timeout_ms = to_int("header_timeout_ms", v, 50, 600'000);
         }}},
        {"idle_timeout_ms", {[](config& c, std::string const& v) {
             c.idle_timeout_ms = to_int("idle_timeout_ms", v, 50, 3'600'000);
         }}},
        {"body_timeout_ms", {[](config& c, std::string const& v) {
             c.body_timeout_ms = to_int("body_timeout_ms", v, 50, 600'000);
         }}},
        {"write_timeout_ms", {[](config& c, std::string const& v) {
             c.write_timeout_ms = to_int("write_timeout_ms", v, 50, 600'000);
         }}},
        {"drain_deadline_ms", {[](config& c, std::string const& v) {
             c.drain_deadline_ms = to_int("drain_deadline_ms", v, 0, 600'000);
         }}},
        {"max_connections", {[](config& c, std::string const& v) {
             c.max_connections = to_int("max_connections", v, 1, 100'000);
         }}},
        {"max_db_queue",
         {[](config& c, std::string const& v) { c.max_db_queue = to_int("max_db_queue", v, 1, 100'000); }}},
        {"access_token_ttl_s", {[](config& c, std::string const& v) {
             c.access_token_ttl_s = to_int("access_token_ttl_s", v, 30, 86'400);
         }}},
        {"seed_demo", {[](config& c, std::string const& v) { c.seed_demo = to_bool("seed_demo", v); }}},
        {"demo_credentials_file", {[](config& c, std::string const& v) { c.demo_credentials_file = v; }}},
        {"sweep_interval_s", {[](config& c, std::string const& v) {
             c.sweep_interval_s = to_int("sweep_interval_s", v, 0, 7 * 86'400);
         }}},
        {"webhook_url", {[](config& c, std::string const& v) {
             if (!http::is_webhook_url(v))
                 throw config_error(
                     "configuration: webhook_url must be an http:// or https:// URL with a host (got \"" + v +
                     "\")"
                 );
             c.webhook_url = v;
         }}},
        {"delegation_absence_months", {[](config& c, std::string const& v) {
             c.delegation_absence_months = to_int("delegation_absence_months", v, 0, 24);
         }}},
        {"webhook_secret", {[](config& c, std::string const& v) { c.webhook_secret = v; }}},
        {"webhook_interval_ms", {[](config& c, std::string const& v) {
             c.webhook_interval_ms = to_int("webhook_interval_ms", v, 100, 3'600'000);
         }}},
        {"poke_interval_ms", {[](config& c, std::string const& v) {
             c.poke_interval_ms = to_int("poke_interval_ms", v, 100, 60'000);
         }}},
        {"log_level", {[](config& c, std::string const& v) {
             if (v != "debug" && v != "info" && v != "warning" && v != "error")
                 throw config_error(
                     "configuration: log_level must be debug, info, warning or error (got \"" + v + "\")"
                 );
             c.log_level = v;
         }}},
    };
    return k;
}

void apply(config& c, std::string const& key, std::string const& value, std::string const& source)
{
    auto it = keys().find(key);
    if (it == keys().end())
        throw config_error("configuration: unknown key \"" + key + "\" in " + source);
    try
    {
        it->second.set(c, value);
    }
    catch (config_error const& e)
    {
        throw config_error(std::string(e.what()) + ", from " + source);
    }
}

void apply_file(config& c, std::string const& path)
{
    std::ifstream in(path);
    if (!in)
        throw config_error("configuration: cannot read the file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    boost::system::error_code ec;
    auto v = boost::json::parse(ss.str(), ec);
    if (ec || !v.is_object())
        throw config_error("configuration: " + path + " is not a JSON object");
    for (auto const& [k, val] : v.as_object())
    {
        std::string text;
        if (val.is_string())
            text = std::string(val.get_string());
        else if (val.is_bool())
            text = val.get_bool() ? "true" : "false";
        else if (val.is_int64())
            text = std::to_string(val.get_int64());
        else
            throw config_error(
                "configuration: key \"" + std::string(k) + "\" in " + path + " has an unsupported type"
            );
        apply(c, std::string(k), text, path);
    }
}

std::string env_name(std::string const& key)
{
    std::string out = "KOMPETENS_";
    for (char ch : key)
        out += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    return out;
}

} // namespace

config load_config(std::vector<std::string> const& args, char const* const* environ_vars)
{
    // Flags as key/value pairs first, so that --config can be honoured before everything else.
    std::vector<std::pair<std::string, std::string>> flags;
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        auto const& a = args[i];
        if (a.rfind("--", 0) != 0)
            throw config_error("configuration: unexpected argument \"" + a + "\"");
        std::string name = a.substr(2);
        std::string value;
        if (auto eq = name.find('='); eq != std::string::npos)
        {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        else if (name == "seed-demo")
            value = "true";
        else
        {
            if (i + 1 >= args.size())
                throw config_error("configuration: --" + name + " needs a value");
            value = args[++i];
        }
        for (auto& ch : name)
            if (ch == '-')
                ch = '_';
        flags.emplace_back(name, value);
    }

    std::map<std::string, std::string> env;
    for (auto p = environ_vars; p != nullptr && *p != nullptr; ++p)
    {
        std::string_view kv = *p;
        auto eq = kv.find('=');
        if (eq != std::string_view::npos)
            env.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
    }

    config c;
    std::optional<std::string> file;
    if (auto it = env.find("KOMPETENS_CONFIG"); it != env.end())
        file = it->second;
    for (auto const& [k, v] : flags)
        if (k == "config")
            file = v;
    if (file)
        apply_file(c, *file);
    for (auto const& [key, def] : keys())
        if (auto it = env.find(env_name(key)); it != env.end())
            apply(c, key, it->second, "the environment (" + env_name(key) + ")");
    for (auto const& [k, v] : flags)
        if (k != "config")
            apply(c, k, v, "the command line (--" + k + ")");

    if (c.database.rfind("sqlite:", 0) != 0 && c.database.rfind("postgresql://", 0) != 0 &&
        c.database.rfind("postgres://", 0) != 0)
        throw config_error(
            "configuration: database must start with sqlite: or postgresql:// (got a value that does neither)"
        );
    return c;
}

} // namespace kompetens::app
