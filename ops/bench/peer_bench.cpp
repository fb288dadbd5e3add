// Benchmark B7 of the Benchmarks issue: a fresh phone's initial sync of the same 5,000 records with the
// Kompetens SDK from the Kompetens server, and with PouchDB replicating from express-pouchdb.
//
// This program prepares the data and hands over to ops/bench/peer/b7_peer.js: the real server (with the
// demo organisation) gets training records from the HR office until the demo care worker's view holds
// `--rows` rows; one initial pull of that view, taken as the server sends it, becomes the PouchDB
// documents (`{_id: "type:id", type, data}`, the same JSON), so both peers carry the same records. The
// driver then runs both, interleaved, through one byte-counting TCP proxy of its own.
//
// Usage: kompetens-bench-peer --database URL [--rows N] [--rounds N]
//        (KOMPETENS_SERVER_BIN names the server binary; KOMPETENS_BENCH_PEER_CLIENT the client binary,
//        by default beside this one; node and ops/bench/peer/node_modules must exist)
#include "ops/bench/bench_support.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

using namespace kompetens::test;
using namespace kompetens::bench;

namespace {

int run(int argc, char** argv)
{
    std::string url;
    std::size_t rows = 5000;
    int rounds = 3;
    for (int i = 1; i + 1 < argc; i += 2)
    {
        std::string const a = argv[i];
        if (a == "--database")
            url = argv[i + 1];
        else if (a == "--rows")
            rows = std::stoul(argv[i + 1]);
        else if (a == "--rounds")
            rounds = std::stoi(argv[i + 1]);
    }
    if (url.empty() || rounds < 1)
    {
        std::cerr << "usage: kompetens-bench-peer --database URL [--rows N] [--rounds N]\n";
        return 2;
    }
    auto const self_dir = std::filesystem::canonical("/proc/self/exe").parent_path();
    char const* client_env = std::getenv("KOMPETENS_BENCH_PEER_CLIENT");
    std::string const client = client_env ? client_env : (self_dir / "kompetens-bench-peer-client").string();
    std::string const driver = "ops/bench/peer/b7_peer.js";
    if (!std::filesystem::exists(driver) || !std::filesystem::exists("ops/bench/peer/node_modules"))
        throw std::runtime_error("run from the repository root after `npm ci --prefix ops/bench/peer`");

    server_process server{
        url,
        {"--seed-demo", "--sweep-interval-s", "0", "--poke-interval-ms", "60000", "--log-level", "warning"}};
    http_client c{server.port()};
    phone const exporter =
        register_phone(c, login(c, server, "staff"), "0190a000-0000-7000-8000-0000000000b7");
    std::size_t const held = grow_view_to(c, server, exporter, rows);

    boost::json::array puts;
    pull_to_end(c, exporter, "", &puts);
    boost::json::array docs;
    for (auto const& op : puts)
    {
        auto const& o = op.as_object();
        std::string const type(o.at("type").as_string()), id(o.at("id").as_string());
        docs.push_back(boost::json::object{{"_id", type + ":" + id}, {"type", type}, {"data", o.at("data")}});
    }
    std::string const work = server.dir() + "/b7";
    std::filesystem::create_directories(work);
    std::ofstream(work + "/docs.json") << boost::json::serialize(docs);

    // The driver reads the password from the environment, never from its command line.
    setenv("KOMPETENS_BENCH_PASSWORD", password_of(server, "staff").c_str(), 1);
    std::string const cmd = "node " + driver +
                            " --kompetens http://127.0.0.1:" + std::to_string(server.port()) + " --client " +
                            client + " --user staff --docs " + work + "/docs.json --work " + work +
                            " --rounds " + std::to_string(rounds);
    std::fputs(run_command(cmd).c_str(), stdout);
    std::printf("(view rows on the server: %zu; documents given to PouchDB: %zu)\n", held, docs.size());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try
    {
        return run(argc, argv); // unwinding stops the server process
    }
    catch (std::exception const& e)
    {
        std::cerr << "kompetens-bench-peer: " << e.what() << "\n";
        return 1;
    }
}
