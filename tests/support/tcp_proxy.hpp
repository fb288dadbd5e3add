#pragma once
#include <atomic>
#include <cstdint>
#include <list>
#include <mutex>
#include <thread>

namespace kompetens::test {

/** A TCP forwarder on 127.0.0.1 between the server and a real peer (PostgreSQL), for fault tests: `cut`
    closes every forwarded connection and refuses new ones, as when the database host goes away;
    `restore` lets connections through again. Thread-safe. */
class tcp_proxy
{
public:
    tcp_proxy(std::uint16_t target_port);
    ~tcp_proxy();
    std::uint16_t port() const { return port_; }
    void cut();
    void restore();
    /** From now on every answer (server to client) is cut off after `bytes` bytes of its connection, and
        the connection closed: a reset mid-body. Negative: pass everything again. */
    void truncate_answers_at(long bytes) { truncate_at_ = bytes; }

private:
    void accept_loop();
    void pump(int from, int to, bool answers);

    std::uint16_t target_;
    std::uint16_t port_ = 0;
    int listen_fd_ = -1;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> cut_{false};
    std::atomic<long> truncate_at_{-1};
    std::mutex mutex_;
    std::list<int> fds_;
    std::list<std::thread> pumps_;
    std::thread acceptor_;
};

} // namespace kompetens::test
