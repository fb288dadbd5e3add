#pragma once
#include <soci/soci.h>

#include <optional>
#include <string>

namespace kompetens::storage {

/** Column readers that hide the one difference between the backends that bites: SQLite reports
    declared `integer` columns as int and `bigint` as long long, PostgreSQL by its own types, and a
    count or a literal may come back as either. */
inline long long int64_at(soci::row const& r, std::size_t i)
{
    switch (r.get_properties(i).get_data_type())
    {
    case soci::dt_integer:
        return r.get<int>(i);
    case soci::dt_long_long:
        return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
        return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
        return static_cast<long long>(r.get<double>(i));
    case soci::dt_string:
        return std::stoll(r.get<std::string>(i));
    default:
        throw soci::soci_error("column " + std::to_string(i) + " is not an integer");
    }
}

inline int int_at(soci::row const& r, std::size_t i)
{
    return static_cast<int>(int64_at(r, i));
}

inline std::string text_at(soci::row const& r, std::size_t i)
{
    return r.get<std::string>(i);
}

inline std::optional<std::string> opt_text_at(soci::row const& r, std::size_t i)
{
    if (r.get_indicator(i) == soci::i_null)
        return std::nullopt;
    return r.get<std::string>(i);
}

inline std::optional<long long> opt_int64_at(soci::row const& r, std::size_t i)
{
    if (r.get_indicator(i) == soci::i_null)
        return std::nullopt;
    return int64_at(r, i);
}

inline std::optional<int> opt_int_at(soci::row const& r, std::size_t i)
{
    if (r.get_indicator(i) == soci::i_null)
        return std::nullopt;
    return int_at(r, i);
}

/** Binds an optional value as NULL when absent. The value and indicator must outlive the statement. */
template <class T> struct nullable
{
    T value{};
    soci::indicator ind = soci::i_null;

    explicit nullable(std::optional<T> const& v) : value(v.value_or(T{})), ind(v ? soci::i_ok : soci::i_null)
    {
    }
};

using nullable_text = nullable<std::string>;
using nullable_int = nullable<int>;
using nullable_int64 = nullable<long long>;

} // namespace kompetens::storage
