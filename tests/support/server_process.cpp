#include "tests/support/server_process.hpp"

#include "tests/support/test_database.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace kompetens::test {

namespace {

std::string read_file(std::string const& path)
{
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

pid_t spawn(std::vector<std::string> const& args, std::string const& out_path, std::string const& stdin_path)
{
    pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0)
    {
        int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(out, 1);
        ::dup2(out, 2);
        int in = ::open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
        ::dup2(in, 0);
        std::vector<char*> argv;
        std::string bin = server_binary();
        argv.push_back(bin.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(bin.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}

int wait_pid(pid_t pid, int timeout_ms)
{
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;)
    {
        int status = 0;
        pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (std::chrono::steady_clock::now() > deadline)
            return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace

std::string server_binary()
{
    char const* b = std::getenv("KOMPETENS_SERVER_BIN");
    if (b == nullptr)
        throw std::runtime_error("KOMPETENS_SERVER_BIN is not set (CTest sets it)");
    return b;
}

server_process::server_process(std::string const& database_url, std::vector<std::string> const& extra)
{
    auto base = std::filesystem::temp_directory_path() /
                ("kompetens-srv-" + std::to_string(::getpid()) + "-" +
                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(base);
    dir_ = base.string();
    std::string const port_file = dir_ + "/port";
    std::vector<std::string> args{
        "serve",
        "--database",
        database_url,
        "--port",
        "0",
        "--port-file",
        port_file,
        "--demo-credentials-file",
        dir_ + "/credentials.txt"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = spawn(args, dir_ + "/server.log", "");
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline)
    {
        if (std::filesystem::exists(port_file))
        {
            port_ = static_cast<std::uint16_t>(std::stoi(read_file(port_file)));
            return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_)
        {
            pid_ = -1;
            throw std::runtime_error("kompetens-server exited during start-up:\n" + log());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("kompetens-server did not start listening within 60 s:\n" + log());
}

server_process::~server_process()
{
    if (pid_ > 0 && exit_status_ < 0)
    {
        ::kill(pid_, SIGKILL);
        wait_pid(pid_, 10'000);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::string server_process::log() const
{
    return read_file(dir_ + "/server.log");
}

void server_process::signal(int sig)
{
    ::kill(pid_, sig);
}

int server_process::wait(int timeout_ms)
{
    if (exit_status_ >= 0)
        return exit_status_;
    exit_status_ = wait_pid(pid_, timeout_ms);
    return exit_status_;
}

int server_process::stop()
{
    signal(SIGTERM);
    return wait(60'000);
}

int run_server_command(
    std::vector<std::string> const& args, std::string& output, std::string const& stdin_text
)
{
    temp_dir tmp;
    std::string const out = tmp.path() + "/out";
    std::string in;
    if (!stdin_text.empty())
    {
        in = tmp.path() + "/in";
        std::ofstream(in) << stdin_text;
    }
    pid_t pid = spawn(args, out, in);
    int const status = wait_pid(pid, 120'000);
    output = read_file(out);
    return status;
}

} // namespace kompetens::test
