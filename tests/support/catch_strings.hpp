#pragma once
// How Catch2 prints a core::result in a failed assertion: the refusal's code and field, which is what a
// reader of the failure needs (and boost::system::result's own printer needs operator<< on every T).
#include "server/core/errc.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace Catch {
template <class T> struct StringMaker<boost::system::result<T, kompetens::core::failure>>
{
    static std::string convert(boost::system::result<T, kompetens::core::failure> const& r)
    {
        if (r)
            return "{value}";
        return "{failure " + std::string(kompetens::core::wire_code(r.error().code)) + " at '" +
               r.error().field + "': " + r.error().detail + "}";
    }
};
} // namespace Catch
