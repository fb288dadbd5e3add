#pragma once
#include <chrono>
#include <string_view>

namespace kompetens::core::log {

/** Severity, written as the syslog prefix `<3>`, `<4>`, `<6>`, `<7>` so journald keeps the priority. */
enum class level
{
    error = 3,
    warning = 4,
    info = 6,
    debug = 7,
};

/** Writes one line to stderr: `<6>component: message`. Thread-safe; whole lines per write(2), so lines
    from several threads never interleave. Messages carry ids only: never names, personnummer, answers or
    free text (DESIGN.md, Logs). */
void write(level l, std::string_view component, std::string_view message);

inline void error(std::string_view c, std::string_view m)
{
    write(level::error, c, m);
}
inline void warning(std::string_view c, std::string_view m)
{
    write(level::warning, c, m);
}
inline void info(std::string_view c, std::string_view m)
{
    write(level::info, c, m);
}

/** Lines below this level are dropped (default info). */
void set_threshold(level l);

/** From now on info and debug lines are gathered and written together, every `interval` or whenever
    16 KiB have gathered, by a background thread: the access log then costs no system call per request
    (BENCHMARKS.md, B1). Warnings and errors are still written at once, after the lines gathered before
    them, so order is kept. A crash loses at most `interval` of info lines. */
void start_batching(std::chrono::milliseconds interval);

/** Writes what is gathered and goes back to one write per line. Safe to call when not batching. */
void stop_batching();

} // namespace kompetens::core::log
