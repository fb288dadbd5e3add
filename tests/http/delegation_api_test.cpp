#include "tests/http/api_harness.hpp"

#include <catch2/catch.hpp>

using namespace kompetens;
using test::api_harness;

namespace {
std::string code_of(http::response const& r)
{
    return std::string(boost::json::parse(r.body).at("code").as_string());
}
} // namespace

TEST_CASE_METHOD(
    api_harness,
    "through the API a nurse delegates wound care, the recipient signs with her password, and a revocation "
    "stops it",
    "[http][delegation]"
)
{
    auto const home = unit(hr_a, "Hemtjänst Syd");
    auto const nora = person(hr_a, "Nora", home);
    auto const sara = person(hr_a, "Sara", home);
    REQUIRE(
        call(
            "POST",
            "/api/v1/employees/" + nora + "/legitimations",
            R"({"profession":"registered_nurse","registry_ref":"SE-9","verified_on":"2026-11-01"})",
            hr_a
        )
            .status == 201
    );
    auto const nurse = account_token(org_a, "nora", core::role::delegator | core::role::staff, nora);
    auto const sara_t = account_token(org_a, "sara", static_cast<unsigned>(core::role::staff), sara);
    auto const mas = account_token(org_a, "mas", static_cast<unsigned>(core::role::medical_lead));

    auto const task = call(
        "POST",
        "/api/v1/delegation-tasks",
        R"({"code":"SAR","name":"Såromläggning enligt instruktion","category":"wound_care","risk_class":"medium"})",
        mas
    );
    INFO(task.body);
    REQUIRE(task.status == 201);
    auto const sar = text(json_of(task), "id");
    CHECK(
        call("POST", "/api/v1/delegation-tasks", R"({"code":"X","name":"X","category":"other"})", nurse)
            .status == 403
    );

    auto const draft = call(
        "POST",
        "/api/v1/delegations",
        R"({"delegate_id":")" + sara + R"(","task_ids":[")" + sar + R"("],"unit_ids":[")" + home +
            R"("],"valid_from":"2026-11-23","valid_to":"2027-11-23"})",
        nurse
    );
    REQUIRE(draft.status == 400); // a year and a day
    CHECK(code_of(draft) == "validation_failed");
    auto const ok = call(
        "POST",
        "/api/v1/delegations",
        R"({"delegate_id":")" + sara + R"(","task_ids":[")" + sar + R"("],"unit_ids":[")" + home +
            R"("],"valid_from":"2026-11-23","valid_to":"2027-05-31"})",
        nurse
    );
    REQUIRE(ok.status == 201);
    auto const id = text(json_of(ok), "id");
    CHECK(text(json_of(ok), "state") == "draft");

    auto const wrong = call("POST", "/api/v1/delegations/" + id + "/issue", R"({"password":"fel"})", nurse);
    CHECK(wrong.status == 401);
    CHECK(code_of(wrong) == "reauthentication_required");
    auto const issued =
        call("POST", "/api/v1/delegations/" + id + "/issue", R"({"password":"lösenord-för-test"})", nurse);
    REQUIRE(issued.status == 200);
    CHECK(text(json_of(issued), "state") == "awaiting_signatures");

    auto const may = [&](std::string const& tok) {
        auto r = call(
            "GET", "/api/v1/may-perform?employee_id=" + sara + "&task_id=" + sar + "&unit_id=" + home, "", tok
        );
        REQUIRE(r.status == 200);
        return json_of(r).at("allowed").as_bool();
    };
    CHECK_FALSE(may(sara_t)); // one signature is not enough
    auto const signed_ = call(
        "POST",
        "/api/v1/delegations/" + id + "/sign",
        R"({"password":"lösenord-för-test","self_assessment_confirmed":true})",
        sara_t
    );
    REQUIRE(signed_.status == 200);
    CHECK(text(json_of(signed_), "state") == "active");
    CHECK(may(sara_t));
    CHECK(may(mas));

    // Sara sees it as hers; a colleague cannot see it at all.
    auto const mine = json_of(call("GET", "/api/v1/me/delegations", "", sara_t));
    CHECK(mine.at("items").as_array().size() == 1);
    CHECK(call("GET", "/api/v1/delegations/" + id, "", staff_a).status == 404);

    auto const revoked = call(
        "POST",
        "/api/v1/delegations/" + id + "/revoke",
        R"({"password":"lösenord-för-test","reason":"tvivel"})",
        nurse
    );
    REQUIRE(revoked.status == 200);
    CHECK(text(json_of(revoked), "state") == "revoked");
    CHECK_FALSE(may(sara_t));
    CHECK(call("POST", "/api/v1/delegations/" + id + "/revoke", "", nurse).status == 200); // again: harmless
    auto const resign = call(
        "POST",
        "/api/v1/delegations/" + id + "/sign",
        R"({"password":"lösenord-för-test","self_assessment_confirmed":true})",
        sara_t
    );
    CHECK(resign.status == 409);
    CHECK(code_of(resign) == "delegation_revoked");

    auto const events = json_of(call("GET", "/api/v1/delegations/" + id + "/events", "", mas));
    CHECK(events.at("items").as_array().size() == 4); // created, issued, activated, revoked
    auto const csv = call("GET", "/api/v1/employees/" + sara + "/delegations?format=csv", "", mas);
    CHECK(csv.status == 200);
    CHECK(csv.body.find(id) != std::string::npos);
    auto const history = call("GET", "/api/v1/delegation-history?on=2026-11-23", "", mas);
    CHECK(json_of(history).at("items").as_array().size() == 1);
}
