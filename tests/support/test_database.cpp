#include "tests/support/test_database.hpp"

#include "server/core/ids.hpp"
#include "server/storage/database.hpp"
#include "server/storage/migrator.hpp"
#include "server/storage/unit_of_work.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace kompetens::test {

namespace {
std::string env(char const* name)
{
    char const* v = std::getenv(name);
    return v != nullptr ? v : "";
}

std::string pg_base_url()
{
    auto url = env("KOMPETENS_TEST_PG_URL");
    if (url.empty())
        throw std::runtime_error(
            "KOMPETENS_TEST_PG_URL is not set: run the PostgreSQL suites through ops/test"
        );
    return url;
}

// Runs one statement on the base test database (outside any per-test schema).
void admin_exec(std::string const& sql)
{
    storage::database_config c;
    c.url = pg_base_url();
    c.pool_size = 1;
    auto db = storage::database::open(c);
    storage::unit_of_work uow{*db, storage::access_mode::write};
    uow.sql() << sql;
    uow.commit();
}

std::string unique_suffix()
{
    auto id = core::new_uuid_v7(0);
    id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
    return id.substr(12);
}
} // namespace

std::string backend_name()
{
    auto b = env("KOMPETENS_TEST_BACKEND");
    return b.empty() ? "sqlite" : b;
}

temp_dir::temp_dir()
{
    auto base = std::filesystem::temp_directory_path() / ("kompetens-test-" + unique_suffix());
    std::filesystem::create_directories(base);
    path_ = base.string();
}

temp_dir::~temp_dir()
{
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

fresh_database::fresh_database()
{
    if (backend_name() == "postgresql")
    {
        auto const schema = "t_" + unique_suffix();
        admin_exec("create schema " + schema);
        cleanup_ = schema;
        auto const base = pg_base_url();
        url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
    }
    else
    {
        auto dir = std::filesystem::temp_directory_path() / ("kompetens-db-" + unique_suffix());
        std::filesystem::create_directories(dir);
        cleanup_ = dir.string();
        url_ = "sqlite:" + (dir / "test.db").string();
    }
}

fresh_database::~fresh_database()
{
    try
    {
        if (backend_name() == "postgresql")
        {
            admin_exec("drop schema " + cleanup_ + " cascade");
        }
        else
        {
            std::error_code ec;
            std::filesystem::remove_all(cleanup_, ec);
        }
    }
    catch (...)
    {
        // A leftover schema in a throwaway cluster is harmless; never throw from a destructor.
    }
}

std::unique_ptr<storage::database> fresh_database::open_migrated(std::size_t pool_size) const
{
    storage::database_config c;
    c.url = url_;
    c.pool_size = pool_size;
    auto db = storage::database::open(c);
    storage::migrator{*db}.migrate();
    return db;
}

} // namespace kompetens::test
