#include "server/app/cli.hpp"

#include "server/app/config.hpp"
#include "server/app/demo_seed.hpp"
#include "server/app/sweeper.hpp"
#include "server/core/auth_service.hpp"
#include "server/core/credentials.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/log.hpp"
#include "server/http/metrics.hpp"
#include "server/http/routes/api.hpp"
#include "server/http/server.hpp"
#include "server/storage/migrator.hpp"
#include "server/storage/sync_backend_impl.hpp"
#include "server/storage/unit_of_work.hpp"
#include "sync/server/failpoints.hpp"
#include "sync/server/sync_service.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace kompetens::app {

namespace {

constexpr char const* usage =
    "usage: kompetens-server <command> [--flag value …]\n"
    "commands:\n"
    "  serve        migrate, then serve HTTP until SIGINT/SIGTERM (add --seed-demo for the demo)\n"
    "  migrate      apply the embedded schema migrations and exit\n"
    "  seed-demo    create the demo organisation and its accounts if missing\n"
    "  sync-bump-epoch  after restoring the database from a backup: every phone resets and re-pushes\n"
    "  sweep        one pass of the engine (statuses, reminders) and one round of webhook deliveries\n"
    "  version      print the server and schema versions\n"
    "  admin create --username NAME --roles admin[,hr…] (--organisation-id ID | --organisation-name NAME)\n"
    "               create an account; the password is read from standard input\n"
    "flags: see the configuration reference in README.md\n";

void set_log_level(std::string const& l)
{
    using core::log::level;
    core::log::set_threshold(
        l == "debug"     ? level::debug
        : l == "warning" ? level::warning
        : l == "error"   ? level::error
                         : level::info
    );
}

// Creates the directory of an SQLite file (./var for the default) so a fresh clone just works.
void prepare_sqlite_dir(std::string const& url)
{
    if (url.rfind("sqlite:", 0) != 0)
        return;
    std::filesystem::path p = url.substr(7);
    if (p.has_parent_path())
        std::filesystem::create_directories(p.parent_path());
}

std::unique_ptr<storage::database> open_database(config const& c)
{
    prepare_sqlite_dir(c.database);
    storage::database_config dc;
    dc.url = c.database;
    dc.pool_size = static_cast<std::size_t>(c.db_pool_size);
    dc.lease_timeout_ms = c.db_lease_timeout_ms;
    dc.statement_timeout_ms = c.statement_timeout_ms;
    dc.random_page_cost = c.pg_random_page_cost;
    return storage::database::open(dc);
}

// Passwords go to a person at a terminal, never into a log: when standard output is a file or a pipe
// (systemd, CI, tests) only the file's name is printed.
void print_credentials(std::string const& file)
{
    std::ifstream in(file);
    if (!in)
        return;
    if (::isatty(1) == 0)
    {
        std::cout << "Demo accounts and their passwords are in " << file << "\n" << std::flush;
        return;
    }
    std::cout << "Demo accounts (from " << file << "):\n" << in.rdbuf() << std::flush;
}

sweeper_settings sweeper_settings_of(config const& c)
{
    sweeper_settings s;
    s.sweep_interval = std::chrono::seconds(c.sweep_interval_s);
    s.webhook_url = c.webhook_url;
    s.webhook_secret = c.webhook_secret;
    s.webhook_interval = std::chrono::milliseconds(c.webhook_interval_ms);
    s.delegation_absence_months = c.delegation_absence_months;
    return s;
}

int serve(config const& c)
{
    sync::configure_failpoints_from_environment(); // tests only: needs KOMPETENS_ENABLE_FAILPOINTS=1
    auto db = open_database(c);
    int const ran = storage::migrator{*db}.migrate();
    if (ran > 0)
        core::log::info("app", "applied " + std::to_string(ran) + " migrations");
    core::system_clock_source clock;
    if (c.seed_demo)
    {
        std::filesystem::path f = c.demo_credentials_file;
        if (f.has_parent_path())
            std::filesystem::create_directories(f.parent_path());
        seed_demo(*db, clock, c.demo_credentials_file);
    }

    http::metrics stats;
    std::atomic<bool> draining{false};
    http::services svc{*db, clock, stats, draining};
    svc.auth.access_ttl = static_cast<core::millis>(c.access_token_ttl_s) * 1000;
    http::router router{http::api_routes()};
    http::server_limits limits;
    limits.header_timeout = std::chrono::milliseconds(c.header_timeout_ms);
    limits.idle_timeout = std::chrono::milliseconds(c.idle_timeout_ms);
    limits.body_timeout = std::chrono::milliseconds(c.body_timeout_ms);
    limits.write_timeout = std::chrono::milliseconds(c.write_timeout_ms);
    limits.drain_deadline = std::chrono::milliseconds(c.drain_deadline_ms);
    limits.max_connections = c.max_connections;
    limits.max_db_queue = c.max_db_queue;
    limits.io_threads = c.io_threads;
    limits.db_threads = static_cast<int>(db->pool_size());
    limits.poke_interval = std::chrono::milliseconds(c.poke_interval_ms);
    http::server srv{router, svc, limits};
    auto const port = srv.listen(c.address, static_cast<std::uint16_t>(c.port));
    if (c.port_file)
    {
        std::ofstream out(*c.port_file + ".tmp");
        out << port << "\n";
        out.close();
        std::filesystem::rename(*c.port_file + ".tmp", *c.port_file);
    }
    if (c.seed_demo)
        print_credentials(c.demo_credentials_file);
    std::cout << "Kompetens is serving on http://" << c.address << ":" << port << "/  (Ctrl-C stops)"
              << std::endl;
    core::log::info(
        "app",
        "listening on " + c.address + ":" + std::to_string(port) +
            " database=" + storage::database::redact_url(c.database)
    );
    // The access log is written in batches while serving (see log.hpp); whatever happens, what is
    // gathered is written before serve returns.
    struct batching_scope
    {
        batching_scope() { core::log::start_batching(std::chrono::milliseconds(100)); }
        ~batching_scope() { core::log::stop_batching(); }
    } batching;
    sweeper background{*db, clock, sweeper_settings_of(c)};
    background.start();
    srv.run();
    background.stop();
    core::log::info("app", "stopped cleanly");
    return 0;
}

int admin_create(std::vector<std::string> args, char** envp)
{
    std::string username, roles = "admin", org_id, org_name;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        auto take = [&](std::string& into) {
            if (i + 1 >= args.size())
                throw config_error("admin create: " + args[i] + " needs a value");
            into = args[++i];
        };
        if (args[i] == "--username")
            take(username);
        else if (args[i] == "--roles")
            take(roles);
        else if (args[i] == "--organisation-id")
            take(org_id);
        else if (args[i] == "--organisation-name")
            take(org_name);
        else
            rest.push_back(args[i]);
    }
    if (username.empty() || (org_id.empty() == org_name.empty()))
        throw config_error(
            "admin create: give --username and exactly one of --organisation-id, --organisation-name"
        );
    auto role_mask = core::parse_role_list(roles);
    if (!role_mask)
        throw config_error("admin create: --roles must be a comma-separated list of known roles");
    auto const c = load_config(rest, envp);
    set_log_level(c.log_level);
    std::string password;
    std::getline(std::cin, password);

    auto db = open_database(c);
    storage::migrator{*db}.migrate();
    core::system_clock_source clock;
    storage::unit_of_work uow{*db, storage::access_mode::write};
    if (!org_name.empty())
    {
        core::principal op{
            "bootstrap", "", std::nullopt, static_cast<unsigned>(core::role::system), std::nullopt};
        auto org = core::directory_service{uow.directory(), uow.audit(), clock}.create_organisation(
            op, core::organisation{"", org_name, "municipality", "", 0, 1}
        );
        if (!org)
        {
            std::cerr << "admin create: organisation refused: " << org.error().field << " "
                      << org.error().detail << "\n";
            return 2;
        }
        org_id = org->id;
    }
    else if (!uow.directory().find_organisation(org_id))
    {
        std::cerr << "admin create: no organisation " << org_id << "\n";
        return 2;
    }
    core::account a;
    a.organisation_id = org_id;
    a.username = username;
    a.roles = *role_mask;
    auto made =
        core::auth_service{uow.accounts(), uow.audit(), clock}.create_account(a, password, "bootstrap");
    if (!made)
    {
        std::cerr << "admin create: refused: " << made.error().field << " " << made.error().detail << "\n";
        return 2;
    }
    uow.commit();
    std::cout << "created account " << made->id << " in organisation " << org_id << "\n";
    return 0;
}

// Walks every organisation's chain (or one) and names the first broken link. Exit 0 when all are intact,
// 3 when one is not, so a nightly job can alert on it.
int audit_verify(std::vector<std::string> args, char** envp)
{
    std::optional<std::string> only;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        if (args[i] == "--organisation-id" && i + 1 < args.size())
            only = args[++i];
        else
            rest.push_back(args[i]);
    }
    auto const c = load_config(rest, envp);
    set_log_level(c.log_level);
    auto db = open_database(c);
    storage::unit_of_work uow{*db, storage::access_mode::snapshot};
    auto orgs = only ? std::vector<std::string>{*only} : uow.audit().organisations_with_trail();
    bool all_intact = true;
    for (auto const& org : orgs)
    {
        auto const head = uow.audit().head(org);
        auto const r = core::verify_chain(uow.audit().chain(org), head);
        if (r.intact)
            std::cout << "organisation " << org << ": intact, " << r.checked << " entries, head " << head.seq
                      << " " << head.hash << "\n";
        else
        {
            all_intact = false;
            std::cout << "organisation " << org << ": BROKEN at entry " << r.first_broken_seq << ": "
                      << r.reason << "\n";
        }
    }
    return all_intact ? 0 : 3;
}

} // namespace

int run(int argc, char** argv, char** envp)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "help")
    {
        std::cout << usage;
        return args.empty() ? 2 : 0;
    }
    std::string const command = args[0];
    args.erase(args.begin());
    try
    {
        core::init_crypto();
        if (command == "version")
        {
            std::cout << "kompetens-server " << KOMPETENS_VERSION << "\n";
            return 0;
        }
        if (command == "admin" && !args.empty() && args[0] == "create")
            return admin_create(std::vector<std::string>(args.begin() + 1, args.end()), envp);
        if (command == "audit" && !args.empty() && args[0] == "verify")
            return audit_verify(std::vector<std::string>(args.begin() + 1, args.end()), envp);
        if (command != "serve" && command != "migrate" && command != "seed-demo" && command != "sweep" &&
            command != "sync-bump-epoch")
        {
            std::cerr << "unknown command \"" << command << "\"\n" << usage;
            return 2;
        }
        auto const c = load_config(args, envp);
        set_log_level(c.log_level);
        if (command == "serve")
            return serve(c);
        auto db = open_database(c);
        int const ran = storage::migrator{*db}.migrate();
        if (command == "migrate")
        {
            std::cout << "applied " << ran << " migrations; schema version "
                      << storage::migrator{*db}.status().applied << "\n";
            return 0;
        }
        core::system_clock_source clock;
        if (command == "sweep")
        {
            sweeper once{*db, clock, sweeper_settings_of(c)};
            int const people = once.sweep_once();
            int const sent = once.deliver_once();
            std::cout << "recomputed " << people << " people; delivered " << sent << " notifications\n";
            return 0;
        }
        if (command == "sync-bump-epoch")
        {
            storage::sync_backend_impl backend{*db, "cli"};
            sync::sync_settings settings;
            auto const epoch = sync::sync_service{backend, clock, settings}.bump_epoch();
            std::cout << "sync epoch is now " << epoch << "; every device resets on its next pull\n";
            return 0;
        }
        std::filesystem::path f = c.demo_credentials_file;
        if (f.has_parent_path())
            std::filesystem::create_directories(f.parent_path());
        bool const seeded = seed_demo(*db, clock, c.demo_credentials_file);
        std::cout << (seeded ? "seeded the demo organisation; " : "the demo organisation exists; ")
                  << "credentials in " << c.demo_credentials_file << "\n";
        return 0;
    }
    catch (config_error const& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    catch (storage::database_unavailable const& e)
    {
        std::cerr << "kompetens-server: " << e.what() << "\n";
        return 1;
    }
    catch (std::exception const& e)
    {
        std::cerr << "kompetens-server: " << storage::database::loggable(e) << "\n";
        return 1;
    }
}

} // namespace kompetens::app
