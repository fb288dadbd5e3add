#pragma once
#include <memory>
#include <string>

namespace kompetens::storage {
class database;
}

namespace kompetens::test {

/** The backend a suite runs against, from KOMPETENS_TEST_BACKEND (sqlite, the default, or postgresql;
    then KOMPETENS_TEST_PG_URL must name the throwaway cluster that ops/test started). */
std::string backend_name();

/** A new, empty database for one test: a fresh SQLite file in a temporary directory, or a fresh schema
    in the test PostgreSQL database. Removed when the object goes away. */
class fresh_database
{
    std::string url_;
    std::string cleanup_; // SQLite: directory to remove; PostgreSQL: schema to drop

public:
    fresh_database();
    ~fresh_database();
    fresh_database(fresh_database const&) = delete;
    fresh_database& operator=(fresh_database const&) = delete;

    std::string const& url() const { return url_; }
    /** Opens a pool on it and applies all migrations. */
    std::unique_ptr<storage::database> open_migrated(std::size_t pool_size = 2) const;
};

/** A temporary directory removed at the end of the scope. */
class temp_dir
{
    std::string path_;

public:
    temp_dir();
    ~temp_dir();
    std::string const& path() const { return path_; }
};

} // namespace kompetens::test
