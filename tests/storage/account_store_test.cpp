#include "server/core/credentials.hpp"
#include "tests/storage/storage_fixture.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>

using namespace kompetens;
using test::storage_fixture;

namespace {
struct auth_fixture : storage_fixture
{
    std::string org = make_org("Mölndals stad");

    template <class F> auto auth(F&& f)
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::auth_service svc{uow.accounts(), clock, 15 * 60 * 1000};
        auto r = f(svc);
        uow.commit();
        return r;
    }

    core::account draft(std::string username, unsigned roles)
    {
        core::account a;
        a.organisation_id = org;
        a.username = std::move(username);
        a.roles = roles;
        return a;
    }
};
} // namespace

TEST_CASE_METHOD(
    auth_fixture, "a user logs in and the token identifies them until it expires", "[storage][auth]"
)
{
    core::init_crypto();
    REQUIRE(auth([&](auto& a) {
        return a.create_account(draft("karin", static_cast<unsigned>(core::role::hr)), "ett långt lösenord");
    }));
    auto t = auth([&](auto& a) { return a.login("karin", "ett långt lösenord"); });
    REQUIRE(t);
    auto who = auth([&](auto& a) { return a.authenticate(t->access_token); });
    REQUIRE(who);
    CHECK(who->organisation_id == org);
    CHECK(who->has(core::role::hr));

    clock.advance(15 * 60 * 1000);
    auto expired = auth([&](auto& a) { return a.authenticate(t->access_token); });
    REQUIRE_FALSE(expired);
    CHECK(expired.error().code == core::errc::unauthenticated);
}

TEST_CASE_METHOD(
    auth_fixture,
    "wrong passwords, unknown users, logged-out and tampered tokens get nothing",
    "[storage][auth]"
)
{
    core::init_crypto();
    auth([&](auto& a) {
        return a.create_account(
            draft("erik", static_cast<unsigned>(core::role::admin)), "ett långt lösenord"
        );
    }).value();
    auto wrong = auth([&](auto& a) { return a.login("erik", "fel lösenord!!"); });
    auto unknown = auth([&](auto& a) { return a.login("nobody", "ett långt lösenord"); });
    REQUIRE_FALSE(wrong);
    REQUIRE_FALSE(unknown);
    CHECK(wrong.error().detail == unknown.error().detail); // no hint which one was wrong

    auto t = auth([&](auto& a) { return a.login("erik", "ett långt lösenord"); }).value();
    auto tampered = t.access_token;
    tampered[5] = tampered[5] == 'A' ? 'B' : 'A';
    CHECK_FALSE(auth([&](auto& a) { return a.authenticate(tampered); }));
    CHECK_FALSE(auth([&](auto& a) { return a.authenticate(t.access_token + "x"); }));
    REQUIRE(auth([&](auto& a) { return a.authenticate(t.access_token); }));
    auth([&](auto& a) {
        a.logout(t.access_token);
        return true;
    });
    CHECK_FALSE(auth([&](auto& a) { return a.authenticate(t.access_token); }));
}

TEST_CASE_METHOD(auth_fixture, "usernames are unique and passwords have a minimum length", "[storage][auth]")
{
    core::init_crypto();
    REQUIRE(auth([&](auto& a) {
        return a.create_account(draft("maja", static_cast<unsigned>(core::role::staff)), "tolv tecken!");
    }));
    auto again = auth([&](auto& a) {
        return a.create_account(draft("maja", static_cast<unsigned>(core::role::staff)), "tolv tecken!");
    });
    REQUIRE_FALSE(again);
    CHECK(again.error().code == core::errc::conflict);
    auto short_pw = auth([&](auto& a) {
        return a.create_account(draft("olle", static_cast<unsigned>(core::role::staff)), "kort");
    });
    REQUIRE_FALSE(short_pw);
    CHECK(short_pw.error().field == "/password");
}

TEST_CASE_METHOD(auth_fixture, "the database keeps neither passwords nor tokens in clear", "[storage][auth]")
{
    core::init_crypto();
    auth([&](auto& a) {
        return a.create_account(
            draft("sven", static_cast<unsigned>(core::role::staff)), "hemligt-lösenord-123"
        );
    }).value();
    auto t = auth([&](auto& a) { return a.login("sven", "hemligt-lösenord-123"); }).value();
    storage::unit_of_work uow{*db, storage::access_mode::read};
    std::string hash, digest;
    uow.sql() << "select password_hash from account where username = 'sven'", soci::into(hash);
    uow.sql() << "select digest from access_token", soci::into(digest);
    CHECK(hash.find("hemligt") == std::string::npos);
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(digest == core::token_digest(t.access_token));
    CHECK(digest != t.access_token);
}
