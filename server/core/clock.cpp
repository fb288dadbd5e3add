#include "server/core/clock.hpp"

#include <chrono>

namespace kompetens::core {

millis system_clock_source::now() const
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace kompetens::core
