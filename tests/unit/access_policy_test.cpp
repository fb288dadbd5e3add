#include "server/core/access_policy.hpp"

#include <catch2/catch.hpp>

using namespace kompetens::core;

namespace {
principal as(unsigned roles, std::string org = "org-a")
{
    return principal{"acc", std::move(org), std::nullopt, roles};
}
unsigned only(role r)
{
    return static_cast<unsigned>(r);
}
} // namespace

TEST_CASE("another organisation's objects are invisible, not forbidden", "[unit][policy]")
{
    // 404 rather than 403: the answer must not reveal that the record exists (security.md T3).
    for (unsigned r : {only(role::admin), only(role::hr), only(role::staff), only(role::manager)})
    {
        auto f = decide(as(r), action::directory_read, "org-b");
        REQUIRE(f);
        CHECK(f->code == errc::not_found);
    }
}

TEST_CASE("HR and administrators keep the directory; other roles may not", "[unit][policy]")
{
    CHECK_FALSE(decide(as(only(role::hr)), action::directory_write, "org-a"));
    CHECK_FALSE(decide(as(only(role::admin)), action::directory_write, "org-a"));
    for (unsigned r : {only(role::staff), only(role::manager), only(role::delegator), only(role::system)})
    {
        auto f = decide(as(r), action::directory_write, "org-a");
        REQUIRE(f);
        CHECK(f->code == errc::forbidden);
    }
}

TEST_CASE("only HR sees birth dates", "[unit][policy]")
{
    CHECK_FALSE(decide(as(only(role::hr)), action::employee_read_restricted, "org-a"));
    CHECK(decide(as(only(role::admin)), action::employee_read_restricted, "org-a"));
    CHECK(decide(as(only(role::hr), "org-b"), action::employee_read_restricted, "org-a"));
}

TEST_CASE(
    "only the installation operator creates organisations, and sees none of their people", "[unit][policy]"
)
{
    CHECK_FALSE(decide(as(only(role::system), ""), action::organisation_create, ""));
    CHECK(decide(as(only(role::admin)), action::organisation_create, ""));
    CHECK_FALSE(decide(as(only(role::system), ""), action::organisation_read, "org-a"));
    CHECK(decide(as(only(role::system), ""), action::directory_read, "org-a"));
}

TEST_CASE("role lists round-trip and refuse unknown names", "[unit][policy]")
{
    auto m = parse_role_list("hr,admin");
    REQUIRE(m);
    CHECK(role_names(*m) == "hr,admin");
    CHECK_FALSE(parse_role_list("hr,superuser"));
    CHECK_FALSE(parse_role_list(""));
}
