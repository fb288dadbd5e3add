#include "server/core/log.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace klog = kompetens::core::log;

namespace {

// Points stderr at a file for the life of the object, so that the test can read what the log wrote.
struct captured_stderr
{
    std::string path;
    int saved = -1;

    captured_stderr()
    {
        char name[] = "/tmp/kompetens-log-XXXXXX";
        int const fd = ::mkstemp(name);
        REQUIRE(fd >= 0);
        path = name;
        saved = ::dup(2);
        ::dup2(fd, 2);
        ::close(fd);
    }
    ~captured_stderr()
    {
        klog::stop_batching();
        ::dup2(saved, 2);
        ::close(saved);
        std::remove(path.c_str());
    }
    std::string text() const
    {
        std::ifstream in(path);
        return {std::istreambuf_iterator<char>(in), {}};
    }
};

} // namespace

TEST_CASE("without batching each line is written as it is logged", "[unit][log]")
{
    captured_stderr err;
    klog::info("access", "rid=1 GET /healthz 200");
    CHECK(err.text() == "<6>access: rid=1 GET /healthz 200\n");
}

TEST_CASE("batched info lines wait; a warning writes them first, then itself", "[unit][log]")
{
    captured_stderr err;
    klog::start_batching(std::chrono::hours(1)); // the writer thread never wakes on its own here
    klog::info("access", "rid=1 GET /healthz 200");
    klog::info("access", "rid=2 GET /healthz 200");
    CHECK(err.text().empty());

    klog::warning("http", "drain deadline passed");
    CHECK(
        err.text() == "<6>access: rid=1 GET /healthz 200\n<6>access: rid=2 GET /healthz 200\n<4>http: drain "
                      "deadline passed\n"
    );

    klog::info("app", "stopped cleanly");
    klog::stop_batching(); // and nothing gathered is lost at a clean stop
    CHECK(err.text().ends_with("<4>http: drain deadline passed\n<6>app: stopped cleanly\n"));

    klog::info("app", "after");
    CHECK(err.text().ends_with("<6>app: after\n")); // back to one write per line
}

TEST_CASE("a batch is written once 16 KiB have gathered", "[unit][log]")
{
    captured_stderr err;
    klog::start_batching(std::chrono::hours(1));
    std::string const message(100, 'x');
    int lines = 0;
    while (err.text().empty() && lines < 1000)
    {
        klog::info("access", message);
        ++lines;
    }
    CHECK(lines > 100); // not line by line
    CHECK(lines < 200); // but well before an hour
    CHECK(err.text().size() >= 16 * 1024);
}
