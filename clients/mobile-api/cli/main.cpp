// kompetens-mobile: the SDK on a command line, one data directory per simulated phone. For demos,
// support and tests; everything it does is what a phone app does through the same library.
#include "clients/mobile-api/sdk/http_transport.hpp"
#include "clients/mobile-api/sdk/mobile_client.hpp"

#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace kompetens::mobile;

constexpr char const* usage =
    R"(usage: kompetens-mobile [--server URL] [--data-dir DIR] [--offline] COMMAND [ARGS]

  login USER          sign in (the password is read from standard input) and register this phone
  logout              forget who is signed in here (their data stays until they sign in again)
  sync                push pending writes and pull until idle
  status              who, which device, pending writes, last contact, trusted time
  assignments         my assignments, what is due first
  modules             the catalogue's courses and modules (fetched unless --offline)
  progress MODULE N   record progress N (0-100) in a module
  complete MODULE     complete a reading or video module
  quiz MODULE A,B,..  submit a quiz attempt (answer indexes)
  delegations         my delegations and whether each is usable now
  ack DELEGATION      acknowledge a delegation's current version
  sign DELEGATION     sign a delegation (the password is read from standard input)
  revoke DELEGATION REASON   revoke one you issued (the password is read from standard input)
  attention           writes the server refused, kept until acknowledged
  dismiss MID         acknowledge one of them

  --server defaults to $KOMPETENS_SERVER or http://127.0.0.1:8080; --data-dir to ./var/phone.
  Writes sync at once unless --offline; reads show the local copy with pending writes laid over it.
)";

std::string read_password()
{
    std::string pw;
    std::getline(std::cin, pw);
    return pw;
}

std::string when(std::int64_t ms)
{
    if (ms <= 0)
        return "never";
    std::time_t const t = ms / 1000;
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", std::gmtime(&t));
    return std::string(buf) + "Z";
}

int report(sync_report const& r)
{
    if (r.wiped)
    {
        std::cout << "this phone was reported lost: local data erased\n";
        return 4;
    }
    if (r.signed_out)
    {
        std::cout << "signed out: run login again\n";
        return 3;
    }
    std::cout << (r.idle ? "synced" : "not synced") << ": " << r.applied << " applied, " << r.attention
              << " refused, " << r.pages << " page(s)" << (r.resets ? ", reset" : "");
    if (!r.idle)
        std::cout << " (" << r.error << ")";
    std::cout << "\n";
    return r.idle ? 0 : 2;
}

} // namespace

int main(int argc, char** argv)
{
    std::string server =
        std::getenv("KOMPETENS_SERVER") ? std::getenv("KOMPETENS_SERVER") : "http://127.0.0.1:8080";
    std::string data_dir = "var/phone";
    bool offline = false;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
    {
        std::string const a = argv[i];
        if (a == "--server" && i + 1 < argc)
            server = argv[++i];
        else if (a == "--data-dir" && i + 1 < argc)
            data_dir = argv[++i];
        else if (a == "--offline")
            offline = true;
        else if (a == "--help" || a == "-h")
        {
            std::cout << usage;
            return 0;
        }
        else
            args.push_back(a);
    }
    if (args.empty())
    {
        std::cerr << usage;
        return 64;
    }
    try
    {
        std::filesystem::create_directories(data_dir);
        auto const current_file = data_dir + "/current-user";
        auto const& cmd = args[0];
        http_transport http{server};
        system_device_clock clock;
        engine_settings settings;
        settings.platform = "other";
        transport t = offline ? transport([](auto const&, auto const&, auto const&, auto const&) -> reply {
            throw transport_error("offline");
        })
                              : http.as_transport();

        std::string user;
        if (cmd == "login")
        {
            if (args.size() < 2)
            {
                std::cerr << "login needs a user name\n";
                return 64;
            }
            user = args[1];
        }
        else
        {
            std::ifstream in(current_file);
            std::getline(in, user);
            if (user.empty())
            {
                std::cerr << "nobody is signed in on this phone: kompetens-mobile login USER\n";
                return 3;
            }
        }
        mobile_client phone{data_dir, user, t, clock, settings};

        auto after_write = [&](std::string const& mid) {
            std::cout << "stored " << mid << "\n";
            return offline ? 0 : report(phone.sync_until_idle(3));
        };

        if (cmd == "login")
        {
            if (auto err = phone.sign_in(read_password()))
            {
                std::cerr << "login failed: " << *err << "\n";
                return 1;
            }
            std::ofstream(current_file, std::ios::trunc) << user << "\n";
            std::cout << "signed in as " << user << " on device " << phone.status().device_id << "\n";
            phone.fetch_catalog();
            return report(phone.sync_until_idle(3));
        }
        if (cmd == "logout")
        {
            std::filesystem::remove(current_file);
            std::cout << "signed out " << user << "\n";
            return 0;
        }
        if (cmd == "sync")
            return report(phone.sync_until_idle(5));
        if (cmd == "status")
        {
            auto s = phone.status();
            std::cout << "user " << s.username << "\ndevice " << s.device_id << "\npending writes "
                      << s.pending_writes << "\nneeds attention " << s.needs_attention << "\nsynced rows "
                      << s.synced_rows << "\nlast contact " << when(s.last_contact_ms) << "\ntrusted time "
                      << (s.trusted_now_ms ? when(*s.trusted_now_ms) : "unknown (no contact since boot)")
                      << "\n";
            return 0;
        }
        if (cmd == "assignments")
        {
            for (auto const& a : phone.assignments())
                std::cout << a.id << "  " << (a.due_date.empty() ? "no due date" : "due " + a.due_date)
                          << "  " << a.status << "  "
                          << (a.course_title.empty() ? a.course_id : a.course_title)
                          << (a.pending ? "  (not yet synced)" : "") << "\n";
            return 0;
        }
        if (cmd == "modules")
        {
            if (!offline)
                if (auto err = phone.fetch_catalog())
                    std::cerr << *err << "\n";
            std::map<std::string, progress_item> progress;
            for (auto const& p : phone.progress())
                progress[p.module_id] = p;
            auto const cat = phone.catalog();
            if (auto const* courses = cat.if_contains("courses"); courses && courses->is_array())
                for (auto const& c : courses->as_array())
                {
                    auto const& co = c.as_object();
                    std::cout << std::string(co.at("id").as_string()) << "  "
                              << std::string(co.at("title").as_string()) << "\n";
                    if (auto const* mods = co.if_contains("modules"); mods && mods->is_array())
                        for (auto const& m : mods->as_array())
                        {
                            auto const& mo = m.as_object();
                            std::string const id(mo.at("id").as_string());
                            std::cout << "  " << id << "  " << std::string(mo.at("kind").as_string()) << "  "
                                      << std::string(mo.at("title").as_string());
                            if (progress.count(id))
                                std::cout << "  "
                                          << (progress[id].done ? "done"
                                                                : std::to_string(progress[id].position) + "%")
                                          << (progress[id].pending ? " (not yet synced)" : "");
                            std::cout << "\n";
                        }
                }
            return 0;
        }
        if (cmd == "progress" && args.size() == 3)
            return after_write(phone.record_progress(args[1], std::atoi(args[2].c_str())));
        if (cmd == "complete" && args.size() == 2)
            return after_write(phone.complete_module(args[1]));
        if (cmd == "quiz" && args.size() == 3)
        {
            std::vector<int> answers;
            std::stringstream ss(args[2]);
            for (std::string part; std::getline(ss, part, ',');)
                answers.push_back(std::atoi(part.c_str()));
            return after_write(phone.submit_attempt(args[1], answers));
        }
        if (cmd == "delegations")
        {
            for (auto const& d : phone.delegations())
            {
                std::cout << d.id << "  " << d.role << "  " << d.label;
                if (d.label == "usable")
                    std::cout << " until " << when(d.lease_expires_at_ms);
                else if (d.label == "unverified")
                    std::cout << " since " << when(d.unverified_since_ms);
                std::cout << "  " << d.valid_from << " – " << d.valid_to << "\n";
            }
            return 0;
        }
        if (cmd == "ack" && args.size() == 2)
        {
            auto d = phone.delegation(args[1]);
            if (!d)
            {
                std::cerr << "no such delegation on this phone\n";
                return 1;
            }
            return after_write(phone.acknowledge_delegation(d->id, d->version));
        }
        if (cmd == "sign" && args.size() == 2)
            return after_write(phone.sign_delegation(args[1], read_password()));
        if (cmd == "revoke" && args.size() == 3)
            return after_write(phone.revoke_delegation(args[1], args[2], read_password()));
        if (cmd == "attention")
        {
            for (auto const& a : phone.needs_attention())
                std::cout << a.write.mid << "  " << a.write.name << "  " << a.status << " " << a.code << ": "
                          << a.message << "\n";
            return 0;
        }
        if (cmd == "dismiss" && args.size() == 2)
            return phone.acknowledge_attention(args[1]) ? 0 : 1;
        std::cerr << usage;
        return 64;
    }
    catch (std::exception const& e)
    {
        std::cerr << "kompetens-mobile: " << e.what() << "\n";
        return 1;
    }
}
