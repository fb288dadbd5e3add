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

std::string metrics::render(int db_in_use, int db_waiting, int db_pool_size, int db_queue) const
{
    std::string out;
    char line[512];
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
    out += "# HELP kompetens_http_request_duration_seconds Time from a complete request to its response.\n"
           "# TYPE kompetens_http_request_duration_seconds histogram\n";
    unsigned long long cumulative = 0;
    for (std::size_t i = 0; i <= buckets.size(); ++i)
    {
        cumulative += histogram_[i];
        if (i < buckets.size())
            std::snprintf(
                line,
                sizeof line,
                "kompetens_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                buckets[i],
                cumulative
            );
        else
            std::snprintf(
                line,
                sizeof line,
                "kompetens_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                cumulative
            );
        out += line;
    }
    std::snprintf(
        line,
        sizeof line,
        "kompetens_http_request_duration_seconds_sum %.6f\nkompetens_http_request_duration_seconds_count "
        "%llu\n",
        latency_sum_,
        latency_count_
    );
    out += line;
    std::snprintf(
        line,
        sizeof line,
        "# TYPE kompetens_http_open_connections gauge\nkompetens_http_open_connections %d\n"
        "# TYPE kompetens_http_rejected_connections_total counter\nkompetens_http_rejected_connections_total "
        "%llu\n"
        "# TYPE kompetens_db_pool_in_use gauge\nkompetens_db_pool_in_use %d\n"
        "# TYPE kompetens_db_pool_waiting gauge\nkompetens_db_pool_waiting %d\n"
        "# TYPE kompetens_db_pool_size gauge\nkompetens_db_pool_size %d\n"
        "# TYPE kompetens_db_queue_depth gauge\nkompetens_db_queue_depth %d\n",
        open_connections_.load(),
        rejected_connections_.load(),
        db_in_use,
        db_waiting,
        db_pool_size,
        db_queue
    );
    out += line;
    return out;
}

} // namespace kompetens::http
