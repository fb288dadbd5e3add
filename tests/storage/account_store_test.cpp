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
    core::auth_policy policy{};

    auth_fixture() { core::init_crypto(); }

    // Runs one auth call in a committed transaction, as the HTTP layer does (failures are committed too:
    // they count attempts and revoke families).
    template <class F> auto auth(F&& f)
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::auth_service svc{uow.accounts(), uow.audit(), clock, policy};
        auto r = f(svc);
        uow.commit();
        return r;
    }

    core::account make_account(std::string username, unsigned roles, std::optional<std::string> employee = {})
    {
        core::account a;
        a.organisation_id = org;
        a.username = std::move(username);
        a.roles = roles;
        a.employee_id = std::move(employee);
        return auth([&](auto& s) { return s.create_account(a, "ett långt lösenord"); }).value();
    }

    core::issued_tokens login(std::string const& username, std::optional<std::string> device = {})
    {
        return auth([&](auto& s) { return s.login(username, "ett långt lösenord", device); }).value();
    }

    core::principal principal_of(std::string const& username)
    {
        auto const t = login(username); // its own transaction: never nest two (SQLite has one writer)
        return auth([&](auto& s) { return s.authenticate(t.access_token); }).value();
    }

    bool accepted(std::string const& access)
    {
        return auth([&](auto& s) { return s.authenticate(access); }).has_value();
    }

    std::string hire(std::string const& given, std::optional<std::string> end_date)
    {
        auto const unit = make_unit(org, "Enheten " + given);
        auto const emp = make_employee(org, given);
        core::employment job;
        job.employee_id = emp;
        job.profession = "assistant_nurse";
        job.form = end_date ? "fixed_term" : "permanent";
        job.start_date = "2025-01-01";
        job.end_date = end_date;
        job.unit_ids = {unit};
        write([&](auto& s) { return s.create_employment(hr_of(org), job); }).value();
        return emp;
    }
};

unsigned only(core::role r)
{
    return static_cast<unsigned>(r);
}

} // namespace

TEST_CASE_METHOD(
    auth_fixture, "a user logs in and the token identifies them until it expires", "[storage][auth]"
)
{
    make_account("karin", only(core::role::hr));
    auto t = login("karin");
    auto who = auth([&](auto& a) { return a.authenticate(t.access_token); });
    REQUIRE(who);
    CHECK(who->organisation_id == org);
    CHECK(who->has(core::role::hr));
    clock.advance(policy.access_ttl);
    CHECK_FALSE(accepted(t.access_token));
}

TEST_CASE_METHOD(
    auth_fixture,
    "wrong passwords, unknown users, logged-out and tampered tokens get nothing",
    "[storage][auth]"
)
{
    make_account("erik", only(core::role::admin));
    auto wrong = auth([&](auto& a) { return a.login("erik", "fel lösenord!!"); });
    auto unknown = auth([&](auto& a) { return a.login("nobody", "ett långt lösenord"); });
    REQUIRE_FALSE(wrong);
    REQUIRE_FALSE(unknown);
    CHECK(wrong.error().detail == unknown.error().detail); // no hint which one was wrong

    auto t = login("erik");
    auto tampered = t.access_token;
    tampered[5] = tampered[5] == 'A' ? 'B' : 'A';
    CHECK_FALSE(accepted(tampered));
    CHECK_FALSE(accepted(t.access_token + "x"));
    CHECK_FALSE(accepted(t.refresh_token)); // a refresh token is not an access token
    REQUIRE(accepted(t.access_token));
    auth([&](auto& a) {
        a.logout(a.authenticate(t.access_token).value(), t.access_token);
        return true;
    });
    CHECK_FALSE(accepted(t.access_token));
    // Logging out ends the refresh token of that session too.
    CHECK_FALSE(auth([&](auto& a) { return a.refresh(t.refresh_token); }));
}

TEST_CASE_METHOD(
    auth_fixture, "refresh tokens rotate, and a reused one revokes the whole family", "[storage][auth]"
)
{
    make_account("sara", only(core::role::staff));
    auto first = login("sara");
    auto second = auth([&](auto& a) { return a.refresh(first.refresh_token); });
    REQUIRE(second);
    CHECK(second->refresh_token != first.refresh_token);
    CHECK(accepted(second->access_token));

    // Someone replays the spent token (a copy taken from the phone): everything in the family dies.
    auto replay = auth([&](auto& a) { return a.refresh(first.refresh_token); });
    REQUIRE_FALSE(replay);
    CHECK(replay.error().code == core::errc::unauthenticated);
    CHECK_FALSE(accepted(second->access_token));
    CHECK_FALSE(accepted(first.access_token));
    CHECK_FALSE(auth([&](auto& a) { return a.refresh(second->refresh_token); }));

    // Another session of the same person, from another login, is a different family and lives on.
    auto other = login("sara");
    CHECK(accepted(other.access_token));
}

TEST_CASE_METHOD(
    auth_fixture, "refresh tokens expire when idle and at the family's absolute limit", "[storage][auth]"
)
{
    make_account("nils", only(core::role::staff));
    auto t = login("nils");
    clock.advance(policy.refresh_idle);
    CHECK_FALSE(auth([&](auto& a) { return a.refresh(t.refresh_token); }));

    auto u = login("nils");
    // Refreshing every six days keeps the session only up to thirty days after login.
    for (int i = 0; i < 4; ++i)
    {
        clock.advance(6LL * 24 * 3600 * 1000);
        u = auth([&](auto& a) { return a.refresh(u.refresh_token); }).value();
    }
    clock.advance(6LL * 24 * 3600 * 1000 + 1);
    CHECK_FALSE(auth([&](auto& a) { return a.refresh(u.refresh_token); }));
}

TEST_CASE_METHOD(
    auth_fixture,
    "ten wrong passwords lock the account for a while, even against the right one",
    "[storage][auth]"
)
{
    make_account("lisa", only(core::role::staff));
    for (int i = 0; i < policy.max_failed_logins; ++i)
        CHECK(
            auth([&](auto& a) { return a.login("lisa", "gissning-" + std::to_string(i)); }).error().code ==
            core::errc::unauthenticated
        );
    auto locked = auth([&](auto& a) { return a.login("lisa", "ett långt lösenord"); });
    REQUIRE_FALSE(locked);
    CHECK(locked.error().code == core::errc::too_many_requests);
    clock.advance(policy.lockout);
    CHECK(auth([&](auto& a) { return a.login("lisa", "ett långt lösenord"); }));
    // A success resets the count: nine more mistakes do not lock.
    for (int i = 0; i < policy.max_failed_logins - 1; ++i)
        auth([&](auto& a) { return a.login("lisa", "fel"); });
    CHECK(auth([&](auto& a) { return a.login("lisa", "ett långt lösenord"); }));
}

TEST_CASE_METHOD(auth_fixture, "disabling an account ends all its sessions at once", "[storage][auth]")
{
    auto const admin = make_account("admin-x", only(core::role::admin));
    make_account("olof", only(core::role::staff));
    auto phone = login("olof");
    auto desk = login("olof");
    auto admin_p = principal_of("admin-x");
    auto target = auth([&](auto& a) { return a.authenticate(phone.access_token); }).value();
    REQUIRE(auth([&](auto& a) { return a.disable_account(admin_p, target.account_id); }));
    CHECK_FALSE(accepted(phone.access_token));
    CHECK_FALSE(accepted(desk.access_token));
    CHECK_FALSE(auth([&](auto& a) { return a.refresh(desk.refresh_token); }));
    CHECK_FALSE(auth([&](auto& a) { return a.login("olof", "ett långt lösenord"); }));
    // Only an administrator disables, and not themselves.
    CHECK(
        auth([&](auto& a) { return a.disable_account(target, admin.id); }).error().code ==
        core::errc::forbidden
    );
    CHECK(
        auth([&](auto& a) { return a.disable_account(admin_p, admin.id); }).error().code ==
        core::errc::conflict
    );
}

TEST_CASE_METHOD(auth_fixture, "sessions end when the employment ends", "[storage][auth]")
{
    // The fixture's clock stands at 2026-11-23; this fixed-term employment ends on the 30th.
    auto const emp = hire("Vikarie", std::string("2026-11-30"));
    make_account("vikarie", only(core::role::staff), emp);
    auto t = login("vikarie");
    CHECK(accepted(t.access_token));
    clock.advance(6LL * 24 * 3600 * 1000); // 2026-11-29
    auto u = auth([&](auto& a) { return a.refresh(t.refresh_token); }).value();
    clock.advance(24LL * 3600 * 1000); // 2026-11-30: the last day, still employed
    u = auth([&](auto& a) { return a.refresh(u.refresh_token); }).value();
    CHECK(accepted(u.access_token));
    // A token issued five minutes before midnight is still unexpired at five past, when the employment
    // has ended: the employment, not the token's age, turns it away.
    clock.advance((12LL * 60 + 15) * 60 * 1000); // from 11:40 to 2026-11-30 23:55 Stockholm
    u = auth([&](auto& a) { return a.refresh(u.refresh_token); }).value();
    CHECK(accepted(u.access_token));
    clock.advance(10LL * 60 * 1000); // 2026-12-01 00:05
    CHECK_FALSE(accepted(u.access_token));
    CHECK_FALSE(auth([&](auto& a) { return a.refresh(u.refresh_token); }));
    CHECK_FALSE(auth([&](auto& a) { return a.login("vikarie", "ett långt lösenord"); }));
}

TEST_CASE_METHOD(
    auth_fixture, "a phone's token stops working when the phone's registration is revoked", "[storage][auth]"
)
{
    make_account("amina", only(core::role::staff));
    auto amina = principal_of("amina");
    core::device phone;
    phone.id = "01a207fe-0000-7000-8000-00000000c001";
    phone.name = "Aminas telefon";
    phone.platform = "android";
    auto dt = auth([&](auto& a) { return a.register_device(amina, phone); });
    REQUIRE(dt);
    REQUIRE(accepted(dt->access_token));
    // Only the device row says so (the tokens themselves are not revoked): authentication must read it.
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        long long const at = clock.now();
        uow.sql() << "update device set revoked_at = :t where id = :id", soci::use(at), soci::use(phone.id);
        uow.commit();
    }
    CHECK_FALSE(accepted(dt->access_token));
    // And a token of the same account without a device is not affected.
    CHECK(accepted(login("amina").access_token));
}

TEST_CASE_METHOD(
    auth_fixture, "device tokens work only for their device, and die with it", "[storage][auth][devices]"
)
{
    make_account("amina", only(core::role::staff));
    make_account("bo", only(core::role::staff));
    auto amina = principal_of("amina");
    auto bo = principal_of("bo");

    core::device phone;
    phone.id = "01a207fe-0000-7000-8000-00000000a001";
    phone.name = "Aminas telefon";
    phone.platform = "android";
    auto dt = auth([&](auto& a) { return a.register_device(amina, phone); });
    REQUIRE(dt);
    auto on_phone = auth([&](auto& a) { return a.authenticate(dt->access_token); });
    REQUIRE(on_phone);
    CHECK(on_phone->device_id == phone.id);

    // Bo cannot take Amina's phone id, nor log in on it, nor refresh its tokens as another device.
    CHECK(auth([&](auto& a) { return a.register_device(bo, phone); }).error().code == core::errc::conflict);
    CHECK_FALSE(auth([&](auto& a) { return a.login("bo", "ett långt lösenord", phone.id); }));
    CHECK_FALSE(auth([&](auto& a) { return a.refresh(dt->refresh_token); }));
    CHECK_FALSE(auth([&](auto& a) {
        return a.refresh(dt->refresh_token, std::string("01a207fe-0000-7000-8000-00000000b002"));
    }));
    CHECK(
        auth([&](auto& a) { return a.list_devices(bo, amina.account_id); }).error().code ==
        core::errc::forbidden
    );
    CHECK(auth([&](auto& a) { return a.revoke_device(bo, phone.id); }).error().code == core::errc::not_found);

    auto next = auth([&](auto& a) { return a.refresh(dt->refresh_token, phone.id); });
    REQUIRE(next);
    CHECK(accepted(next->access_token));

    // Lost phone: flag it for wipe and revoke it; its tokens stop working at once.
    auto flagged = auth([&](auto& a) { return a.request_wipe(amina, phone.id); });
    REQUIRE(flagged);
    CHECK(flagged->wipe_requested_at);
    REQUIRE(auth([&](auto& a) { return a.revoke_device(amina, phone.id); }));
    CHECK_FALSE(accepted(next->access_token));
    CHECK_FALSE(auth([&](auto& a) { return a.refresh(next->refresh_token, phone.id); }));
    CHECK(
        auth([&](auto& a) { return a.register_device(amina, phone); }).error().code == core::errc::conflict
    );
    auto listed = auth([&](auto& a) { return a.list_devices(amina, std::nullopt); }).value();
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].revoked_at);
}

TEST_CASE_METHOD(auth_fixture, "usernames are unique and passwords have a minimum length", "[storage][auth]")
{
    make_account("maja", only(core::role::staff));
    core::account again;
    again.organisation_id = org;
    again.username = "maja";
    again.roles = only(core::role::staff);
    auto dup = auth([&](auto& a) { return a.create_account(again, "tolv tecken!"); });
    REQUIRE_FALSE(dup);
    CHECK(dup.error().code == core::errc::conflict);
    again.username = "olle";
    auto short_pw = auth([&](auto& a) { return a.create_account(again, "kort"); });
    REQUIRE_FALSE(short_pw);
    CHECK(short_pw.error().field == "/password");
}

TEST_CASE_METHOD(auth_fixture, "the database keeps neither passwords nor tokens in clear", "[storage][auth]")
{
    make_account("sven", only(core::role::staff));
    auto t = login("sven");
    storage::unit_of_work uow{*db, storage::access_mode::read};
    std::string hash, digest, refresh;
    uow.sql() << "select password_hash from account where username = 'sven'", soci::into(hash);
    uow.sql() << "select digest from access_token", soci::into(digest);
    uow.sql() << "select digest from refresh_token", soci::into(refresh);
    CHECK(hash.find("långt") == std::string::npos);
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(digest == core::token_digest(t.access_token));
    CHECK(refresh == core::token_digest(t.refresh_token));
}

TEST_CASE_METHOD(
    auth_fixture, "sign-ins, failures and lockouts are in the audit trail", "[storage][auth][audit]"
)
{
    make_account("greta", only(core::role::staff));
    login("greta");
    auth([&](auto& a) { return a.login("greta", "fel lösenord"); });
    storage::unit_of_work uow{*db, storage::access_mode::read};
    std::vector<std::string> actions;
    for (auto const& e : uow.audit().chain(org))
        actions.push_back(e.action);
    CHECK(std::count(actions.begin(), actions.end(), "auth.login") == 1);
    CHECK(std::count(actions.begin(), actions.end(), "auth.login_failed") == 1);
    CHECK(std::count(actions.begin(), actions.end(), "account.create") == 1);
}
