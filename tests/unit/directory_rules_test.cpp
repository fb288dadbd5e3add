#include "server/core/employee.hpp"
#include "server/core/employment.hpp"
#include "server/core/organisation.hpp"
#include "server/core/unit.hpp"

#include <catch2/catch.hpp>

using namespace kompetens::core;

namespace {
employment valid_employment()
{
    employment e;
    e.profession = "assistant_nurse";
    e.form = "permanent";
    e.start_date = "2024-03-01";
    e.fte_per_mille = 750;
    e.unit_ids = {"01a207fe-a08f-732e-b719-162aed06a027"};
    return e;
}

std::string field_of(std::optional<failure> const& f)
{
    return f ? f->field : "(valid)";
}
} // namespace

TEST_CASE("a unit needs a name and a known kind", "[unit][directory]")
{
    unit u{"u1", "o1", std::nullopt, "Hemtjänst Norr", "home_care", 0, 1};
    CHECK_FALSE(validate(u));
    u.kind = "hospital";
    CHECK(field_of(validate(u)) == "/kind");
    u.kind = "residential";
    u.name = "";
    CHECK(field_of(validate(u)) == "/name");
    u.name = "Line\nbreak";
    CHECK(field_of(validate(u)) == "/name");
    u.name = std::string(201, 'x');
    CHECK(field_of(validate(u)) == "/name");
}

TEST_CASE("a unit cannot be its own parent", "[unit][directory]")
{
    unit u{"u1", "o1", std::string("u1"), "Solgården", "residential", 0, 1};
    auto f = validate(u);
    REQUIRE(f);
    CHECK(f->code == errc::unit_cycle);
}

TEST_CASE(
    "employee fields: names required, birth date a real date, gender from a fixed list", "[unit][directory]"
)
{
    employee e;
    e.given_name = "Amina";
    e.family_name = "Hassan";
    CHECK_FALSE(validate(e));
    e.birth_date = "1990-02-30";
    CHECK(field_of(validate(e)) == "/birth_date");
    e.birth_date = "1990-02-28";
    e.gender = "unknown";
    CHECK(field_of(validate(e)) == "/gender");
    e.gender = "other";
    CHECK_FALSE(validate(e));
    e.family_name = "";
    CHECK(field_of(validate(e)) == "/family_name");
}

TEST_CASE("employment rules", "[unit][directory]")
{
    auto e = valid_employment();
    CHECK_FALSE(validate(e));

    SECTION("an unknown profession is refused")
    {
        e.profession = "doctor";
        CHECK(field_of(validate(e)) == "/profession");
    }
    SECTION("an end before the start is refused")
    {
        e.end_date = "2024-02-29";
        CHECK(field_of(validate(e)) == "/end_date");
    }
    SECTION("the last day may be the first day")
    {
        e.end_date = "2024-03-01";
        CHECK_FALSE(validate(e));
    }
    SECTION("a fixed-term employment must have its last day")
    {
        e.form = "fixed_term";
        CHECK(field_of(validate(e)) == "/end_date");
        e.end_date = "2024-08-31";
        CHECK_FALSE(validate(e));
    }
    SECTION("the extent is more than 0 and at most full time")
    {
        e.fte_per_mille = 0;
        CHECK(field_of(validate(e)) == "/fte");
        e.fte_per_mille = 1001;
        CHECK(field_of(validate(e)) == "/fte");
        e.fte_per_mille = 1000;
        CHECK_FALSE(validate(e));
    }
    SECTION("at least one unit, none twice")
    {
        e.unit_ids.clear();
        CHECK(field_of(validate(e)) == "/unit_ids");
        e.unit_ids = {"a", "b", "a"};
        CHECK(field_of(validate(e)) == "/unit_ids/0");
    }
}

TEST_CASE("organisations are Swedish employers of a known kind", "[unit][directory]")
{
    organisation o{"", "Partille kommun", "municipality", "Europe/Stockholm", 0, 1};
    CHECK_FALSE(validate(o));
    o.kind = "company";
    CHECK(field_of(validate(o)) == "/kind");
    o.kind = "private_provider";
    o.time_zone = "UTC";
    CHECK(field_of(validate(o)) == "/time_zone");
}
