#pragma once
#include "server/core/ids.hpp"
#include "tests/http/api_harness.hpp"
#include "tests/support/sync_device.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>

namespace kompetens::test {

/** A home-care unit with a nurse, a manager and two care workers, a course with a reading module and a
    quiz, and an active medication delegation from the nurse to Sara; phones talk to the real router. */
struct sync_fixture : api_harness
{
    std::string home, nora, sara, ida, boss;
    std::string nurse_t, sara_t, ida_t, boss_t;
    std::string course, reading, quiz, task, delegation;

    sync_fixture()
    {
        home = unit(hr_a, "Hemtjänst Norr");
        nora = person(hr_a, "Nora", home);
        sara = person(hr_a, "Sara", home);
        ida = person(hr_a, "Ida", home);
        boss = person(hr_a, "Chef", home);
        REQUIRE(
            call(
                "POST",
                "/api/v1/employees/" + nora + "/legitimations",
                R"({"profession":"registered_nurse","registry_ref":"SE-1","verified_on":"2026-11-01"})",
                hr_a
            )
                .status == 201
        );
        nurse_t = account_token(org_a, "nora", core::role::delegator | core::role::staff, nora);
        sara_t = account_token(org_a, "sara", static_cast<unsigned>(core::role::staff), sara);
        ida_t = account_token(org_a, "ida", static_cast<unsigned>(core::role::staff), ida);
        boss_t = account_token(org_a, "chef", core::role::manager | core::role::staff, boss);
        auto const mas = account_token(org_a, "mas", static_cast<unsigned>(core::role::medical_lead));

        course = text(
            json_of(call(
                "POST",
                "/api/v1/courses",
                R"({"code":"LM","title":"Läkemedel","kind":"e_learning","validity_months":12})",
                hr_a
            )),
            "id"
        );
        REQUIRE(
            call(
                "POST",
                "/api/v1/assignments",
                R"({"employee_ids":[")" + sara + "\",\"" + ida + R"("],"course_id":")" + course +
                    R"(","due_date":"2026-12-31"})",
                boss_t
            )
                .status == 201
        );
        auto const path = "/api/v1/courses/" + course + "/modules";
        reading = text(
            json_of(
                call("POST", path, R"({"kind":"reading","title":"Läs","body":"Rutin för läkemedel"})", hr_a)
            ),
            "id"
        );
        quiz = text(
            json_of(call(
                "POST",
                path,
                R"({"kind":"quiz","title":"Test","passing_score":100,"questions":[
                {"prompt":"Vem delegerar?","options":["Undersköterskan","Sjuksköterskan"],"correct":1}]})",
                hr_a
            )),
            "id"
        );
        task = text(
            json_of(call(
                "POST",
                "/api/v1/delegation-tasks",
                R"({"code":"INS","name":"Insulin","category":"medication","risk_class":"high"})",
                mas
            )),
            "id"
        );
        delegation = delegate(sara, sara_t);
    }

    /** A nurse's delegation of the insulin task to `who`, issued and signed: active. */
    std::string delegate(std::string const& who, std::string const& who_token)
    {
        auto const d = call(
            "POST",
            "/api/v1/delegations",
            R"({"delegate_id":")" + who + R"(","task_ids":[")" + task + R"("],"unit_ids":[")" + home +
                R"("],"valid_from":"2026-11-23","valid_to":"2027-05-31"})",
            nurse_t
        );
        REQUIRE(d.status == 201);
        auto const id = text(json_of(d), "id");
        REQUIRE(
            call(
                "POST", "/api/v1/delegations/" + id + "/issue", R"({"password":"lösenord-för-test"})", nurse_t
            )
                .status == 200
        );
        if (!who_token.empty())
            REQUIRE(
                call(
                    "POST",
                    "/api/v1/delegations/" + id + "/sign",
                    R"({"password":"lösenord-för-test","self_assessment_confirmed":true})",
                    who_token
                )
                    .status == 200
            );
        return id;
    }

    transport router_transport()
    {
        return
            [this](std::string const& m, std::string const& t, std::string const& b, header_pairs const& h) {
                http::request req;
                req.method = m;
                req.target = t;
                req.body = b;
                req.headers = h;
                req.remote_address = "10.1.0." + std::to_string(++calls);
                auto match = router.match(m, req.path());
                http::response r = match.found ? [&] {
                http::request_context ctx{req, svc, "test-rid", std::move(match.params), std::nullopt};
                return router.run(*match.found, ctx);
            }()
                                           : http::router::unmatched(match, "test-rid");
                wire_reply out{r.status, {}, r.body};
                out.headers["content-type"] = r.content_type;
                for (auto const& [k, v] : r.headers)
                {
                    std::string lower = k;
                    for (auto& c : lower)
                        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    out.headers[lower] = v;
                }
                return out;
            };
    }

    /** Registers a phone for the account of `token`; the device's own tokens go with it. */
    sync_device phone(std::string const& token)
    {
        auto const id = core::new_uuid_v7(clock.now());
        auto r =
            call("POST", "/api/v1/devices", R"({"device_id":")" + id + R"(","platform":"android"})", token);
        REQUIRE(r.status == 201);
        sync_device d{router_transport(), text(json_of(r), "access_token"), id};
        REQUIRE(d.hello().status == 200);
        return d;
    }

    long long count(std::string const& sql)
    {
        storage::unit_of_work uow{*db, storage::access_mode::read};
        long long n = 0;
        uow.sql() << sql, soci::into(n);
        return n;
    }
};

inline std::string str(boost::json::value const& v, char const* key)
{
    return std::string(v.as_object().at(key).as_string());
}

} // namespace kompetens::test
