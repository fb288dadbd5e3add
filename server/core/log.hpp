#pragma once
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

/** Writes one line to stderr: `<6>component: message`. Thread-safe; one write per line so lines from
    several threads never interleave. Messages carry ids only: never names, personnummer, answers or
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

} // namespace kompetens::core::log
