#pragma once
#include "server/core/auth_service.hpp"
#include "server/core/clock.hpp"
#include "server/core/credentials.hpp"
#include "server/core/directory_service.hpp"
#include "server/http/metrics.hpp"
#include "server/http/router.hpp"
#include "server/http/routes/api.hpp"
#include "server/storage/unit_of_work.hpp"
#include "tests/support/catch_strings.hpp"
#include "tests/support/test_database.hpp"

#include <boost/json.hpp>

namespace kompetens::test {

/** The real route table over a real database, without a socket: what the HTTP layer decides, tested
    fast. Two organisations, each with an HR person, an administrator and a staff member, logged in. */
struct api_harness
{
    fresh_database fresh;
    std::unique_ptr<storage::database> db = fresh.open_migrated(2);
    core::manual_clock clock{1'795'430'400'000};
    http::metrics stats;
    std::atomic<bool> draining{false};
    http::services svc{*db, clock, stats, draining};
    int calls = 0;
    std::string remote_address; // empty: every call from an address of its own (no throttling)
    http::router router{http::api_routes()};

    std::string org_a, org_b;
    std::string hr_a, admin_a, staff_a, hr_b, operator_token;

    api_harness()
    {
        core::init_crypto();
        operator_token = account_token("", "operator", static_cast<unsigned>(core::role::system));
        org_a = create_org("Kommun A");
        org_b = create_org("Utförare B");
        hr_a = account_token(org_a, "hr-a", static_cast<unsigned>(core::role::hr));
        admin_a = account_token(org_a, "admin-a", static_cast<unsigned>(core::role::admin));
        staff_a = account_token(org_a, "staff-a", static_cast<unsigned>(core::role::staff));
        hr_b = account_token(org_b, "hr-b", static_cast<unsigned>(core::role::hr));
    }

    http::response call(
        std::string const& method,
        std::string const& target,
        std::string const& body = "",
        std::string const& token = "",
        http::header_list extra = {}
    )
    {
        http::request req;
        req.method = method;
        req.target = target;
        req.body = body;
        req.headers = std::move(extra);
        req.remote_address = remote_address.empty() ? "10.0.0." + std::to_string(++calls) : remote_address;
        if (!body.empty())
            req.headers.emplace_back("Content-Type", "application/json");
        if (!token.empty())
            req.headers.emplace_back("Authorization", "Bearer " + token);
        auto m = router.match(method, req.path());
        if (!m.found)
            return http::router::unmatched(m, "test-rid");
        http::request_context ctx{req, svc, "test-rid", std::move(m.params), std::nullopt};
        return router.run(*m.found, ctx);
    }

    static boost::json::object json_of(http::response const& r)
    {
        return boost::json::parse(r.body).as_object();
    }
    static std::string text(boost::json::object const& o, char const* key)
    {
        return std::string(o.at(key).as_string());
    }

    std::string create_org(std::string const& name)
    {
        auto r = call(
            "POST",
            "/api/v1/organisations",
            R"({"name":")" + name + R"(","kind":"municipality"})",
            operator_token
        );
        REQUIRE(r.status == 201);
        return text(json_of(r), "id");
    }

    std::string account_token(
        std::string const& org,
        std::string const& username,
        unsigned roles,
        std::optional<std::string> employee = {}
    )
    {
        std::string org_id = org;
        if (org_id.empty())
        {
            // The operator's account needs an organisation to live in: the installation's own.
            storage::unit_of_work uow{*db, storage::access_mode::write};
            core::principal op{
                "bootstrap", "", std::nullopt, static_cast<unsigned>(core::role::system), std::nullopt};
            org_id = core::directory_service{uow.directory(), uow.audit(), clock}
                         .create_organisation(op, core::organisation{"", "Installation", "other", "", 0, 1})
                         .value()
                         .id;
            uow.commit();
        }
        {
            storage::unit_of_work uow{*db, storage::access_mode::write};
            core::account a;
            a.organisation_id = org_id;
            a.username = username;
            a.roles = roles;
            a.employee_id = std::move(employee);
            core::auth_service{uow.accounts(), uow.audit(), clock}
                .create_account(a, "lösenord-för-test")
                .value();
            uow.commit();
        }
        auto r = call(
            "POST",
            "/api/v1/auth/login",
            R"({"username":")" + username + R"(","password":"lösenord-för-test"})"
        );
        REQUIRE(r.status == 200);
        return text(json_of(r), "access_token");
    }

    // Directory helpers, through the API as HR of the organisation.
    std::string unit(std::string const& token, std::string const& name)
    {
        auto r = call("POST", "/api/v1/units", R"({"name":")" + name + R"(","kind":"home_care"})", token);
        REQUIRE(r.status == 201);
        return text(json_of(r), "id");
    }

    std::string person(std::string const& token, std::string const& given, std::string const& unit_id)
    {
        auto e = call(
            "POST",
            "/api/v1/employees",
            R"({"given_name":")" + given + R"(","family_name":"Test","birth_date":"1970-01-02"})",
            token
        );
        REQUIRE(e.status == 201);
        auto const id = text(json_of(e), "id");
        auto j = call(
            "POST",
            "/api/v1/employees/" + id + "/employments",
            R"({"profession":"assistant_nurse","form":"permanent","start_date":"2020-01-01","unit_ids":[")" +
                unit_id + "\"]}",
            token
        );
        REQUIRE(j.status == 201);
        return id;
    }

    std::string header(http::response const& r, std::string const& name) const
    {
        for (auto const& [k, v] : r.headers)
            if (k == name)
                return v;
        return "";
    }
};

} // namespace kompetens::test
