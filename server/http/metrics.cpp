#include "server/http/metrics.hpp"

#include <cstdio>

namespace kompetens::http {

void metrics::observe(std::string const& route, std::string const& method, int status, double seconds)
{
    std::lock_guard lock(mutex_);
    ++requests_[{route, method, status}];
    std::size_t i = 0;
    while (i < buckets.size() && seconds > buckets[i])
        ++i;
    ++histogram_[i];
    latency_sum_ += seconds;
    ++latency_count_;
}

void metrics::observe_poke(double seconds)
{
    std::lock_guard lock(mutex_);
    std::size_t i = 0;
    while (i < poke_buckets.size() && seconds > poke_buckets[i])
        ++i;
    ++poke_histogram_[i];
    poke_sum_ += seconds;
    ++poke_count_;
}

namespace {

template <std::size_t N>
void render_histogram(
    std::string& out,
    char const* name,
    char const* help,
    std::array<double, N> const& bounds,
    unsigned long long const* counts,
    double sum,
    unsigned long long count
)
{
    char line[256];
    std::snprintf(line, sizeof line, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
    out += line;
    unsigned long long cumulative = 0;
    for (std::size_t i = 0; i <= N; ++i)
    {
        cumulative += counts[i];
        if (i < N)
            std::snprintf(line, sizeof line, "%s_bucket{le=\"%g\"} %llu\n", name, bounds[i], cumulative);
        else
            std::snprintf(line, sizeof line, "%s_bucket{le=\"+Inf\"} %llu\n", name, cumulative);
        out += line;
    }
    std::snprintf(line, sizeof line, "%s_sum %.6f\n%s_count %llu\n", name, sum, name, count);
    out += line;
}

} // namespace

std::string metrics::render(int db_in_use, int db_waiting, int db_pool_size, int db_queue) const
{
    std::string out;
    char line[1024];
    std::lock_guard lock(mutex_);
    out += "# HELP kompetens_http_requests_total HTTP requests by route template, method and status.\n"
           "# TYPE kompetens_http_requests_total counter\n";
    for (auto const& [key, n] : requests_)
    {
        auto const& [route, method, status] = key;
        std::snprintf(
            line,
            sizeof line,
            "kompetens_http_requests_total{route=\"%s\",method=\"%s\",status=\"%d\"} %llu\n",
            route.c_str(),
            method.c_str(),
            status,
            n
        );
        out += line;
    }
    render_histogram(
        out,
        "kompetens_http_request_duration_seconds",
        "Time from a complete request to its response.",
        buckets,
        histogram_.data(),
        latency_sum_,
        latency_count_
    );
    render_histogram(
        out,
        "kompetens_sync_poke_delivery_seconds",
        "Time from a notice (such as a revocation) being created to the poke written to a phone.",
        poke_buckets,
        poke_histogram_.data(),
        poke_sum_,
        poke_count_
    );
    std::snprintf(
        line,
        sizeof line,
        "# TYPE kompetens_http_open_connections gauge\nkompetens_http_open_connections %d\n"
        "# TYPE kompetens_http_rejected_connections_total counter\nkompetens_http_rejected_connections_total "
        "%llu\n"
        "# TYPE kompetens_db_pool_in_use gauge\nkompetens_db_pool_in_use %d\n"
        "# TYPE kompetens_db_pool_waiting gauge\nkompetens_db_pool_waiting %d\n"
        "# TYPE kompetens_db_pool_size gauge\nkompetens_db_pool_size %d\n"
        "# TYPE kompetens_db_queue_depth gauge\nkompetens_db_queue_depth %d\n"
        "# TYPE kompetens_sync_poke_listeners gauge\nkompetens_sync_poke_listeners %d\n",
        open_connections_.load(),
        rejected_connections_.load(),
        db_in_use,
        db_waiting,
        db_pool_size,
        db_queue,
        poke_listeners_.load()
    );
    out += line;
    return out;
}

} // namespace kompetens::http
