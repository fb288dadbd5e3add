#pragma once
#include <string_view>
#include <vector>

namespace kompetens::storage {

enum class migration_dialect
{
    both,
    postgresql,
    sqlite,
};

/** One file of schema/migrations, embedded at build time. */
struct migration_text
{
    int version;
    std::string_view file_name;
    migration_dialect dialect;
    std::string_view sql;
};

/** All migration files in file-name order (generated from schema/migrations). */
std::vector<migration_text> const& embedded_migrations();

} // namespace kompetens::storage
