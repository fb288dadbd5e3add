#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kompetens::test {

/** A tiny HTTP/1.1 endpoint on 127.0.0.1 that records every request it gets, one per connection, and
    answers 500 to the first `fail_first` of them and 204 after: the other end of a webhook. */
class webhook_receiver
{
public:
    struct delivery
    {
        std::string path;
        std::map<std::string, std::string> headers; // names in lower case
        std::string body;
        int answered = 0;
    };

    explicit webhook_receiver(int fail_first = 0);
    ~webhook_receiver();
    std::uint16_t port() const { return port_; }
    std::vector<delivery> received();

private:
    void serve();

    int fail_first_;
    std::uint16_t port_ = 0;
    int listen_fd_ = -1;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::vector<delivery> received_;
    std::thread thread_;
};

} // namespace kompetens::test
