#pragma once
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace kompetens::http {

/** Prometheus counters and gauges for the HTTP server. Thread-safe. Labels are route templates, never
    raw paths, so ids do not explode the series count or leak into monitoring. */
class metrics
{
public:
    static constexpr std::array<double, 11> buckets{
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    void observe(std::string const& route, std::string const& method, int status, double seconds);
    void connection_opened() noexcept { ++open_connections_; }
    void connection_closed() noexcept { --open_connections_; }
    void connection_rejected() noexcept { ++rejected_connections_; }
    int open_connections() const noexcept { return open_connections_.load(); }

    /** One poke written to a phone, `seconds` after the notice that caused it was created: the delivery
        latency of revocations and other notices (research/sync.md property 20). */
    void observe_poke(double seconds);
    void poke_listener_added() noexcept { ++poke_listeners_; }
    void poke_listener_removed() noexcept { --poke_listeners_; }

    /** The exposition text; the database gauges are read by the caller and passed in. */
    std::string render(int db_in_use, int db_waiting, int db_pool_size, int db_queue) const;

private:
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, unsigned long long> requests_;
    std::array<unsigned long long, buckets.size() + 1> histogram_{};
    double latency_sum_ = 0;
    unsigned long long latency_count_ = 0;
    static constexpr std::array<double, 9> poke_buckets{0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};
    std::array<unsigned long long, poke_buckets.size() + 1> poke_histogram_{};
    double poke_sum_ = 0;
    unsigned long long poke_count_ = 0;
    std::atomic<int> poke_listeners_{0};
    std::atomic<int> open_connections_{0};
    std::atomic<unsigned long long> rejected_connections_{0};
};

} // namespace kompetens::http
