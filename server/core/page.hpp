#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** Keyset pagination: items strictly after `after` (an id; ids are UUIDv7 and sort by creation), at most
    `limit` of them. */
struct page_request
{
    std::optional<std::string> after;
    int limit = 50;

    static constexpr int max_limit = 500;
};

template <class T> struct page
{
    std::vector<T> items;
    std::optional<std::string> next; // the cursor for the following page, absent on the last one
};

} // namespace kompetens::core
