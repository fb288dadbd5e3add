// The Kompetens side of B7: a fresh phone's initial sync through the real SDK (local SQLite store, Beast
// HTTP client with gzip), driven by ops/bench/peer/b7_peer.js, which counts the bytes on the wire.
//
// It signs in first (device registration is not part of a sync, and PouchDB has no equivalent), says
// `signed-in`, waits for `go` on standard input so that the driver can read its byte counter between the
// two, then syncs until idle and prints `synced ROWS MILLISECONDS PAGES`.
//
// Usage: kompetens-bench-peer-client --server URL --data-dir DIR --user NAME   (password on stdin)
#include "clients/mobile-api/sdk/http_transport.hpp"
#include "clients/mobile-api/sdk/mobile_client.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

using namespace kompetens::mobile;

int main(int argc, char** argv)
{
    std::string server, data_dir, user;
    for (int i = 1; i + 1 < argc; i += 2)
    {
        std::string const a = argv[i];
        if (a == "--server")
            server = argv[i + 1];
        else if (a == "--data-dir")
            data_dir = argv[i + 1];
        else if (a == "--user")
            user = argv[i + 1];
    }
    if (server.empty() || data_dir.empty() || user.empty())
    {
        std::cerr << "usage: kompetens-bench-peer-client --server URL --data-dir DIR --user NAME\n";
        return 2;
    }
    try
    {
        std::string password, go;
        std::getline(std::cin, password);
        std::filesystem::create_directories(data_dir);
        http_transport http{server};
        system_device_clock clock;
        mobile_client phone{data_dir, user, http.as_transport(), clock};
        if (auto err = phone.sign_in(password))
        {
            std::cerr << "kompetens-bench-peer-client: sign-in failed: " << *err << "\n";
            return 1;
        }
        std::cout << "signed-in" << std::endl;
        std::getline(std::cin, go);
        auto const t0 = std::chrono::steady_clock::now();
        auto const report = phone.sync_until_idle(5);
        double const ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (!report.idle)
        {
            std::cerr << "kompetens-bench-peer-client: sync did not finish: " << report.error << "\n";
            return 1;
        }
        std::cout << "synced " << phone.status().synced_rows << " " << ms << " " << report.pages << std::endl;
        return 0;
    }
    catch (std::exception const& e)
    {
        std::cerr << "kompetens-bench-peer-client: " << e.what() << "\n";
        return 1;
    }
}
