#pragma once
#include <cstdint>

namespace kompetens::core {

/** UTC epoch milliseconds: the one representation of an instant across the code base (DESIGN.md). */
using millis = std::int64_t;

/** Where "now" comes from. Injected everywhere so that tests can fix or move time. Thread-safe. */
class clock
{
public:
    virtual ~clock() = default;
    virtual millis now() const = 0;
};

/** The real wall clock. */
class system_clock_source final : public clock
{
public:
    millis now() const override;
};

/** A clock that tests set by hand. */
class manual_clock final : public clock
{
    millis now_;

public:
    explicit manual_clock(millis start) : now_(start) {}
    millis now() const override { return now_; }
    void set(millis t) { now_ = t; }
    void advance(millis d) { now_ += d; }
};

} // namespace kompetens::core
