#include "server/core/training_service.hpp"
#include "tests/http/api_harness.hpp"

#include <catch2/catch.hpp>

using namespace kompetens;
using test::api_harness;

TEST_CASE_METHOD(
    api_harness,
    "a hire through the API gets the rules' courses; staff complete, managers attest",
    "[http][training]"
)
{
    auto const course = call(
        "POST",
        "/api/v1/courses",
        R"({"code":"HLR","title":"Hjärt-lungräddning","kind":"classroom","validity_months":12,"renewal_window_days":30})",
        hr_a
    );
    REQUIRE(course.status == 201);
    auto const hlr = text(json_of(course), "id");
    CHECK(json_of(course).at("current_version").as_object().at("number").as_int64() == 1);
    auto const rule = call(
        "POST",
        "/api/v1/requirement-rules",
        R"({"course_id":")" + hlr + R"(","scope_kind":"unit_kind","scope_value":"home_care","due_days":30})",
        hr_a
    );
    REQUIRE(rule.status == 201);

    // Hired after the rule exists: the employment route runs the engine in the same transaction.
    auto const home = unit(hr_a, "Hemtjänst Väst");
    auto const boss = person(hr_a, "Chef", home);
    auto const ida = person(hr_a, "Ida", home);
    auto const ida_token = account_token(org_a, "ida", static_cast<unsigned>(core::role::staff), ida);
    auto const boss_token = account_token(org_a, "chef", core::role::manager | core::role::staff, boss);

    auto mine = json_of(call("GET", "/api/v1/me/training", "", ida_token)).at("items").as_array();
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].as_object().at("status").as_string() == "assigned");
    CHECK(mine[0].as_object().at("course_code").as_string() == "HLR");
    CHECK(
        mine[0].as_object().at("due_date").as_string() == "2026-12-23"
    ); // her 2020 start is older than the rule

    auto const report = call(
        "POST",
        "/api/v1/training-records",
        R"({"employee_id":")" + ida + R"(","course_id":")" + hlr + R"(","completed_on":"2026-11-20"})",
        ida_token
    );
    REQUIRE(report.status == 201);
    CHECK_FALSE(json_of(report).at("attested").as_bool());
    CHECK(
        json_of(call("GET", "/api/v1/me/training", "", ida_token))
            .at("items")
            .as_array()[0]
            .as_object()
            .at("status")
            .as_string() == "completed_unattested"
    );
    CHECK(
        call("POST", "/api/v1/training-records/" + text(json_of(report), "id") + "/attest", "", ida_token)
            .status == 403
    );
    REQUIRE(
        call("POST", "/api/v1/training-records/" + text(json_of(report), "id") + "/attest", "", boss_token)
            .status == 200
    );

    auto matrix =
        json_of(call("GET", "/api/v1/units/" + home + "/compliance", "", boss_token)).at("items").as_array();
    REQUIRE(matrix.size() == 2); // the manager works there too and is held to the same rule
    bool ida_valid = false;
    for (auto const& row : matrix)
        if (row.as_object().at("employee_id").as_string() == ida)
            ida_valid = row.as_object().at("status").as_string() == "valid";
    CHECK(ida_valid);

    // Moving Ida to a residential unit takes the home-care requirement away (her record stays).
    auto const res = call("POST", "/api/v1/units", R"({"name":"Solgården","kind":"residential"})", hr_a);
    auto const jobs =
        json_of(call("GET", "/api/v1/employees/" + ida + "/employments", "", hr_a)).at("items").as_array();
    auto const job = std::string(jobs[0].as_object().at("id").as_string());
    REQUIRE(
        call(
            "PATCH",
            "/api/v1/employments/" + job,
            R"({"unit_ids":[")" + text(json_of(res), "id") + "\"]}",
            hr_a,
            {{"If-Match", "\"1\""}}
        ).status == 200
    );
    CHECK(json_of(call("GET", "/api/v1/me/training", "", ida_token)).at("items").as_array().empty());
}

TEST_CASE_METHOD(api_harness, "training input is checked field by field", "[http][training]")
{
    auto field = [&](std::string const& path, std::string const& body) {
        return text(json_of(call("POST", path, body, hr_a)), "field");
    };
    CHECK(field("/api/v1/courses", R"({"code":"bad code","title":"x","kind":"classroom"})") == "/code");
    CHECK(field("/api/v1/courses", R"({"code":"OK","title":"x","kind":"seminar"})") == "/kind");
    CHECK(
        field("/api/v1/courses", R"({"code":"OK","title":"x","kind":"classroom","validity_months":1.5})") ==
        "/validity_months"
    );
    CHECK(
        field(
            "/api/v1/requirement-rules",
            R"({"course_id":"01a207fe-0000-7000-8000-000000000000","scope_kind":"organisation"})"
        ) == "/course_id"
    );
    CHECK(field("/api/v1/assignments", R"({"course_id":"x","due_date":"2026-12-01"})") == "/employee_ids");
    auto dup = call("POST", "/api/v1/courses", R"({"code":"DUP","title":"x","kind":"classroom"})", hr_a);
    REQUIRE(dup.status == 201);
    CHECK(
        call("POST", "/api/v1/courses", R"({"code":"DUP","title":"y","kind":"classroom"})", hr_a).status ==
        409
    );
}

TEST_CASE_METHOD(
    api_harness,
    "HR follows up: expiring, overdue and the suppressed summary, also as CSV",
    "[http][training]"
)
{
    auto const hlr = text(
        json_of(call(
            "POST",
            "/api/v1/courses",
            R"({"code":"HLR","title":"HLR","kind":"classroom","validity_months":12})",
            hr_a
        )),
        "id"
    );
    REQUIRE(
        call(
            "POST",
            "/api/v1/requirement-rules",
            R"({"course_id":")" + hlr + R"(","scope_kind":"organisation","due_days":0})",
            hr_a
        )
            .status == 201
    );
    auto const home = unit(hr_a, "Hemtjänst");
    std::vector<std::string> people;
    for (int i = 0; i < 6; ++i)
        people.push_back(person(hr_a, "P" + std::to_string(i), home));
    // Two done a year ago (expiring next week), one long ago (expired), three never (overdue).
    for (int i = 0; i < 3; ++i)
        REQUIRE(
            call(
                "POST",
                "/api/v1/training-records",
                R"({"employee_id":")" + people[static_cast<std::size_t>(i)] + R"(","course_id":")" + hlr +
                    R"(","completed_on":")" + (i < 2 ? "2025-11-28" : "2024-01-10") + "\"}",
                hr_a
            )
                .status == 201
        );
    clock.advance(2LL * 24 * 3600 * 1000); // two days on: the rule's due date (day 0) has passed
    // Recorded statuses are as of their last change; the nightly pass (recompute) brings them to today.
    {
        storage::unit_of_work uow{*db, storage::access_mode::write};
        core::training_service{uow.directory(), uow.training(), uow.audit(), uow.notifications(), clock}
            .recompute_organisation(org_a);
        uow.commit();
    }
    auto const login =
        call("POST", "/api/v1/auth/login", R"({"username":"hr-a","password":"lösenord-för-test"})");
    REQUIRE(login.status == 200);
    hr_a = text(json_of(login), "access_token"); // the old token expired with the two days

    auto const exp_reply = call("GET", "/api/v1/training/expiring?within_days=7", "", hr_a);
    INFO(exp_reply.body);
    REQUIRE(exp_reply.status == 200);
    auto const exp = json_of(exp_reply).at("items").as_array();
    CHECK(exp.size() == 2);
    auto const over = json_of(call("GET", "/api/v1/training/overdue", "", hr_a)).at("items").as_array();
    CHECK(over.size() == 4); // three never done, one expired
    CHECK(call("GET", "/api/v1/training/expiring?within_days=many", "", hr_a).status == 400);

    auto const csv = call("GET", "/api/v1/training/overdue?format=csv", "", hr_a);
    REQUIRE(csv.status == 200);
    CHECK(csv.content_type == "text/csv; charset=utf-8");
    CHECK(csv.body.rfind("employee_id,course_id,status,due_date,valid_until\r\n", 0) == 0);
    CHECK(std::count(csv.body.begin(), csv.body.end(), '\n') == 5);

    auto const summary_reply = call("GET", "/api/v1/training/summary", "", hr_a);
    INFO(summary_reply.body);
    REQUIRE(summary_reply.status == 200);
    auto const summary = json_of(summary_reply);
    bool saw_unit = false;
    for (auto const& c : summary.at("items").as_array())
    {
        auto const& o = c.as_object();
        if (!o.at("unit_id").is_null() && o.at("unit_id").as_string() == home)
        {
            saw_unit = true;
            CHECK(o.at("people").as_int64() == 6);
            CHECK(o.at("compliant").as_int64() == 2);
            // No gender was recorded for these six: they form one group of six, shown; the empty groups show
            // 0.
            CHECK(o.at("compliant_by_gender").as_object().at("unrecorded").as_int64() == 2);
            CHECK(o.at("compliant_by_gender").as_object().at("female").as_int64() == 0);
        }
    }
    CHECK(saw_unit);
    auto const csv_summary = call("GET", "/api/v1/training/summary?format=csv", "", hr_a).body;
    CHECK(
        csv_summary.rfind(
            "unit_id,course_id,people,compliant,compliant_female,compliant_male,compliant_other,compliant_"
            "unrecorded\r\n",
            0
        ) == 0
    );
    CHECK(csv_summary.find("\r\nall," + hlr + ",6,2,0,0,0,2\r\n") != std::string::npos);
}

TEST_CASE_METHOD(
    api_harness,
    "a course completed on the phone: read, pass the quiz, get the practical signed off",
    "[http][training][modules]"
)
{
    auto const home = unit(hr_a, "Hemtjänst Syd");
    auto const boss = person(hr_a, "Chef", home);
    auto const ida = person(hr_a, "Ida", home);
    auto const ida_token = account_token(org_a, "ida-m", static_cast<unsigned>(core::role::staff), ida);
    auto const boss_token = account_token(org_a, "chef-m", core::role::manager | core::role::staff, boss);

    auto const course = text(
        json_of(call(
            "POST",
            "/api/v1/courses",
            R"({"code":"LAKEMEDEL","title":"Läkemedel","kind":"e_learning","validity_months":12})",
            hr_a
        )),
        "id"
    );
    REQUIRE(
        call(
            "POST",
            "/api/v1/assignments",
            R"({"employee_ids":[")" + ida + R"("],"course_id":")" + course + R"(","due_date":"2026-12-31"})",
            boss_token
        )
            .status == 201
    );
    auto const path = "/api/v1/courses/" + course + "/modules";
    REQUIRE(
        call(
            "POST",
            path,
            R"({"kind":"reading","title":"Läs rutinen","body":"Rutin för läkemedelshantering …"})",
            hr_a
        )
            .status == 201
    );
    REQUIRE(
        call(
            "POST",
            path,
            R"({"kind":"quiz","title":"Kunskapstest","passing_score":100,"questions":[
        {"prompt":"Vem ansvarar för delegeringen?","options":["Undersköterskan","Sjuksköterskan"],"correct":1},
        {"prompt":"Hur länge gäller en delegering högst?","options":["Ett år","Tre år"],"correct":0}]})",
            hr_a
        )
            .status == 201
    );
    REQUIRE(
        call(
            "POST",
            path,
            R"({"kind":"practical","title":"Överlämning av läkemedel","body":"Under handledning"})",
            hr_a
        )
            .status == 201
    );
    CHECK(
        call(
            "POST",
            path,
            R"({"kind":"quiz","title":"Trasig","passing_score":50,"questions":[{"prompt":"?","options":["a","b"],"correct":2}]})",
            hr_a
        )
            .status == 400
    );

    auto const listed = call("GET", path, "", ida_token);
    REQUIRE(listed.status == 200);
    CHECK(listed.body.find("correct") == std::string::npos); // the answer key stays on the server
    auto const modules = json_of(listed).at("items").as_array();
    REQUIRE(modules.size() == 3);
    auto id_of = [&](std::size_t i) { return std::string(modules[i].as_object().at("id").as_string()); };

    auto const read = call("POST", "/api/v1/modules/" + id_of(0) + "/complete", "", ida_token);
    REQUIRE(read.status == 200);
    CHECK(
        json_of(call("GET", "/api/v1/me/training", "", ida_token))
            .at("items")
            .as_array()[0]
            .as_object()
            .at("status")
            .as_string() == "in_progress"
    );

    auto const failed =
        json_of(call("POST", "/api/v1/modules/" + id_of(1) + "/attempts", R"({"answers":[1,1]})", ida_token));
    CHECK(failed.at("score").as_int64() == 50);
    CHECK_FALSE(failed.at("passed").as_bool());
    CHECK(
        call("POST", "/api/v1/modules/" + id_of(1) + "/attempts", R"({"answers":[1]})", ida_token).status ==
        400
    );
    auto const passed =
        json_of(call("POST", "/api/v1/modules/" + id_of(1) + "/attempts", R"({"answers":[1,0]})", ida_token));
    CHECK(passed.at("passed").as_bool());
    CHECK_FALSE(passed.at("course_completed").as_bool());

    CHECK(
        call("POST", "/api/v1/modules/" + id_of(2) + "/complete", "", ida_token).status == 400
    ); // a practical task is signed off
    CHECK(
        call(
            "POST",
            "/api/v1/modules/" + id_of(2) + "/sign-off",
            R"({"employee_id":")" + ida + "\"}",
            ida_token
        )
            .status == 403
    );
    auto const signed_off = call(
        "POST", "/api/v1/modules/" + id_of(2) + "/sign-off", R"({"employee_id":")" + ida + "\"}", boss_token
    );
    REQUIRE(signed_off.status == 200);
    CHECK(json_of(signed_off).at("course_completed").as_bool());
    auto const mine =
        json_of(call("GET", "/api/v1/me/training", "", ida_token)).at("items").as_array()[0].as_object();
    CHECK(mine.at("status").as_string() == "valid");
    CHECK(mine.at("valid_until").as_string() == "2027-11-22");
}

TEST_CASE_METHOD(
    api_harness,
    "a staff member sees the reminder of a course due in two days and marks it read",
    "[http][training][notifications]"
)
{
    auto const course =
        call("POST", "/api/v1/courses", R"({"code":"BRAND","title":"Brandskydd","kind":"classroom"})", hr_a);
    REQUIRE(course.status == 201);
    auto const home = unit(hr_a, "Hemtjänst Norr");
    auto const ida = person(hr_a, "Ida", home);
    auto const ida_token = account_token(org_a, "ida-n", static_cast<unsigned>(core::role::staff), ida);
    REQUIRE(
        call(
            "POST",
            "/api/v1/assignments",
            R"({"employee_ids":[")" + ida + R"("],"course_id":")" + text(json_of(course), "id") +
                R"(","due_date":"2026-11-25"})",
            hr_a
        )
            .status == 201
    );
    auto const list = json_of(call("GET", "/api/v1/me/notifications", "", ida_token));
    auto const& items = list.at("items").as_array();
    REQUIRE(items.size() == 1);
    auto const& n = items[0].as_object();
    CHECK(n.at("kind").as_string() == "training.due_3");
    CHECK(n.at("on").as_string() == "2026-11-25");
    CHECK(n.at("about_employee_id").as_string() == ida);
    CHECK_FALSE(n.at("read").as_bool());
    auto const id = std::string(n.at("id").as_string());

    CHECK(call("POST", "/api/v1/me/notifications/" + id + "/read", "", ida_token).status == 204);
    CHECK(
        call("POST", "/api/v1/me/notifications/" + id + "/read", "", ida_token).status == 204
    ); // again: harmless
    auto const after = json_of(call("GET", "/api/v1/me/notifications", "", ida_token));
    CHECK(after.at("items").as_array()[0].as_object().at("read").as_bool());
    // The manager-side copy goes to managers only; HR (no employee record) has an empty list.
    CHECK(json_of(call("GET", "/api/v1/me/notifications", "", hr_a)).at("items").as_array().empty());
}

TEST_CASE_METHOD(
    api_harness,
    "an external certificate is uploaded once, cited by a self-report, and shown to the manager but not to "
    "colleagues",
    "[http][training][certificates]"
)
{
    auto const course = call(
        "POST",
        "/api/v1/courses",
        R"({"code":"HLR-EXT","title":"HLR extern","kind":"external","validity_months":12})",
        hr_a
    );
    REQUIRE(course.status == 201);
    auto const home = unit(hr_a, "Hemtjänst Certifikat");
    auto const ida = person(hr_a, "Ida", home);
    auto const boss = person(hr_a, "Bo", home);
    auto const other = person(hr_a, "Olga", unit(hr_a, "Annan enhet"));
    auto const ida_t = account_token(org_a, "ida-c", static_cast<unsigned>(core::role::staff), ida);
    auto const boss_t = account_token(org_a, "bo-c", core::role::manager | core::role::staff, boss);
    auto const other_t = account_token(org_a, "olga-c", static_cast<unsigned>(core::role::staff), other);

    std::string const pdf = std::string("%PDF-1.4\n") + std::string(2000, 'x') + "\n%%EOF\n";
    http::header_list const as_pdf{{"Content-Type", "application/pdf"}};
    auto const up = call("POST", "/api/v1/certificates", pdf, ida_t, as_pdf);
    REQUIRE(up.status == 201);
    auto const sha = text(json_of(up), "sha256");
    CHECK(sha.size() == 64);
    auto const again = call("POST", "/api/v1/certificates", pdf, ida_t, as_pdf);
    CHECK(text(json_of(again), "sha256") == sha); // content-addressed: stored once

    auto const fake =
        call("POST", "/api/v1/certificates", std::string("MZ\x90\x00 not a pdf", 15), ida_t, as_pdf);
    CHECK(fake.status == 415);
    auto const huge =
        call("POST", "/api/v1/certificates", "%PDF-" + std::string(5 * 1024 * 1024, 'x'), ida_t, as_pdf);
    CHECK(huge.status == 413);

    auto const rec = call(
        "POST",
        "/api/v1/training-records",
        R"({"employee_id":")" + ida + R"(","course_id":")" + text(json_of(course), "id") +
            R"(","completed_on":"2026-11-02","certificate_sha256":")" + sha + "\"}",
        ida_t
    );
    REQUIRE(rec.status == 201);
    CHECK(text(json_of(rec), "source") == "external_certificate");
    CHECK_FALSE(json_of(rec).at("attested").as_bool()); // her own upload still needs attestation
    auto const id = text(json_of(rec), "id");

    auto const seen = call("GET", "/api/v1/training-records/" + id + "/certificate", "", boss_t);
    REQUIRE(seen.status == 200);
    CHECK(seen.content_type == "application/pdf");
    CHECK(seen.body == pdf);
    CHECK(call("GET", "/api/v1/training-records/" + id + "/certificate", "", other_t).status == 404);

    auto const bogus = call(
        "POST",
        "/api/v1/training-records",
        R"({"employee_id":")" + ida + R"(","course_id":")" + text(json_of(course), "id") +
            R"(","completed_on":"2026-11-02","certificate_sha256":")" + std::string(64, 'a') + "\"}",
        ida_t
    );
    CHECK(bogus.status == 400);
}
