#pragma once
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace kompetens::test {

/** The real `kompetens-server` binary (path from KOMPETENS_SERVER_BIN), started on 127.0.0.1 with port 0
    and stopped with SIGTERM. Its stderr goes to a file that tests may read. */
class server_process
{
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    std::string dir_;
    int exit_status_ = -1;

public:
    /** Starts `serve --database URL --port 0 …extra` and waits until it listens (throws after 60 s or if
        it exits first). */
    server_process(std::string const& database_url, std::vector<std::string> const& extra = {});
    ~server_process();

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string log() const;
    std::string const& dir() const { return dir_; }

    void signal(int sig);
    /** Waits for the process to end (at most `timeout_ms`); returns its exit status, or -1 on timeout. */
    int wait(int timeout_ms);
    /** SIGTERM, then wait; returns the exit status. */
    int stop();
};

/** Runs the binary with `args` to completion; returns the exit status and fills `output` with stdout and
    stderr together. */
int run_server_command(
    std::vector<std::string> const& args, std::string& output, std::string const& stdin_text = ""
);

std::string server_binary();

} // namespace kompetens::test
