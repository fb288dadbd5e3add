#include "server/core/access_policy.hpp"

#include <catch2/catch.hpp>

using namespace kompetens::core;

namespace {
principal as(unsigned roles, std::string org = "org-a")
{
    return principal{"acc", std::move(org), std::nullopt, roles, std::nullopt};
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

TEST_CASE("only HR and the person themselves see a birth date", "[unit][policy]")
{
    CHECK_FALSE(decide(as(only(role::hr)), action::person_read_restricted, "org-a"));
    CHECK(decide(as(only(role::admin)), action::person_read_restricted, "org-a"));
    CHECK(decide(as(only(role::manager)), action::person_read_restricted, "org-a", relation::managed));
    CHECK_FALSE(decide(as(only(role::staff)), action::person_read_restricted, "org-a", relation::self));
    CHECK(decide(as(only(role::hr), "org-b"), action::person_read_restricted, "org-a"));
}

TEST_CASE("a staff member reads their own record and never a colleague's", "[unit][policy]")
{
    CHECK_FALSE(decide(as(only(role::staff)), action::person_read, "org-a", relation::self));
    auto colleague = decide(as(only(role::staff)), action::person_read, "org-a", relation::other);
    REQUIRE(colleague);
    CHECK(colleague->code == errc::not_found); // not even that the record exists
}

TEST_CASE("a manager reads the people of their own units only", "[unit][policy]")
{
    CHECK_FALSE(decide(as(only(role::manager)), action::person_read, "org-a", relation::managed));
    CHECK(decide(as(only(role::manager)), action::person_read, "org-a", relation::other));
    // Being "managed" means nothing without the manager role.
    CHECK(decide(as(only(role::staff)), action::person_read, "org-a", relation::managed));
}

TEST_CASE("the audit trail is for the medical lead and administrators", "[unit][policy]")
{
    CHECK_FALSE(decide(as(only(role::medical_lead)), action::audit_read, "org-a"));
    CHECK_FALSE(decide(as(only(role::admin)), action::audit_read, "org-a"));
    for (unsigned r : {only(role::hr), only(role::manager), only(role::delegator), only(role::staff)})
        CHECK(decide(as(r), action::audit_read, "org-a"));
    CHECK(decide(as(only(role::admin), "org-b"), action::audit_read, "org-a")->code == errc::not_found);
}

TEST_CASE(
    "only the installation operator creates organisations, and sees none of their people", "[unit][policy]"
)
{
    CHECK_FALSE(decide(as(only(role::system), ""), action::organisation_create, ""));
    CHECK(decide(as(only(role::admin)), action::organisation_create, ""));
    CHECK_FALSE(decide(as(only(role::system), ""), action::organisation_read, "org-a"));
    CHECK(decide(as(only(role::system), ""), action::directory_read, "org-a"));
    CHECK(decide(as(only(role::system), ""), action::person_read, "org-a"));
}

TEST_CASE("role lists round-trip and refuse unknown names", "[unit][policy]")
{
    auto m = parse_role_list("hr,admin");
    REQUIRE(m);
    CHECK(role_names(*m) == "hr,admin");
    CHECK_FALSE(parse_role_list("hr,superuser"));
    CHECK_FALSE(parse_role_list(""));
}

TEST_CASE("a legitimation is seen by its holder, the medical lead, HR and administrators", "[unit][policy]")
{
    CHECK_FALSE(decide(as(only(role::delegator)), action::legitimation_read, "org-a", relation::self));
    CHECK_FALSE(decide(as(only(role::medical_lead)), action::legitimation_read, "org-a"));
    CHECK_FALSE(decide(as(only(role::hr)), action::legitimation_read, "org-a"));
    CHECK(
        decide(as(only(role::manager)), action::legitimation_read, "org-a", relation::managed)->code ==
        errc::not_found
    );
    CHECK(decide(as(only(role::staff)), action::legitimation_read, "org-a")->code == errc::not_found);
}
