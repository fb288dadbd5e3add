// HR's ten-year projection for a small seeded organisation, checked against figures worked out by hand
// (the working is in the comments).
#include "tests/http/api_harness.hpp"

using namespace kompetens;
using namespace kompetens::test;

namespace {

struct workforce_fixture : api_harness
{
    std::string norr = unit(hr_a, "Hemtjänst Norr");
    std::string soder = unit(hr_a, "Hemtjänst Söder");

    std::string hire(
        std::string const& given,
        std::optional<std::string> const& born,
        std::string const& unit_id,
        std::string const& profession
    )
    {
        auto e = call(
            "POST",
            "/api/v1/employees",
            R"({"given_name":")" + given + R"(","family_name":"Test")" +
                (born ? R"(,"birth_date":")" + *born + "\"" : std::string()) + "}",
            hr_a
        );
        REQUIRE(e.status == 201);
        auto const id = text(json_of(e), "id");
        auto j = call(
            "POST",
            "/api/v1/employees/" + id + "/employments",
            R"({"profession":")" + profession +
                R"(","form":"permanent","start_date":"2015-01-01","unit_ids":[")" + unit_id + "\"]}",
            hr_a
        );
        REQUIRE(j.status == 201);
        return id;
    }

    void title(std::string const& who, std::string const& body, int version)
    {
        auto r = call(
            "PUT",
            "/api/v1/employees/" + who + "/title",
            body,
            hr_a,
            {{"If-Match", "\"" + std::to_string(version) + "\""}}
        );
        INFO(r.body);
        REQUIRE(r.status == 200);
    }

    std::vector<std::pair<int, int>> column(boost::json::object const& group, char const* key)
    {
        std::vector<std::pair<int, int>> out;
        for (auto const& y : group.at("years").as_array())
            out.emplace_back(
                static_cast<int>(y.at("year").as_int64()), static_cast<int>(y.at(key).as_int64())
            );
        return out;
    }

    std::vector<int> values(boost::json::object const& group, char const* key)
    {
        std::vector<int> out;
        for (auto const& [year, v] : column(group, key))
            out.push_back(v);
        return out;
    }

    boost::json::object projection(std::string const& query)
    {
        auto r = call("GET", "/api/v1/reports/workforce-projection" + query, "", hr_a);
        INFO(r.body);
        REQUIRE(r.status == 200);
        return json_of(r);
    }
};

} // namespace

TEST_CASE_METHOD(
    workforce_fixture,
    "the projection of a seeded organisation equals the hand-computed one",
    "[http][workforce]"
)
{
    // Today is 2026-11-23. Target ages: 66 for those born in 1958, 67 from 1959.
    auto const a = hire("A", "1959-05-10", norr, "assistant_nurse"); // 67 on 2026-05-10: leaves in 2026
    auto const b = hire("B", "1960-03-15", norr, "assistant_nurse"); // 2027-03-15: 2027
    auto const c = hire("C", "1962-12-31", norr, "assistant_nurse"); // 2029-12-31: 2029 (the last day counts)
    auto const d = hire("D", "1990-01-01", norr, "assistant_nurse"); // 2057: stays
    auto const e = hire("E", std::nullopt, norr, "assistant_nurse"); // no birth date: stays, counted unknown
    auto const f = hire("F", "1961-07-01", norr, "registered_nurse"); // 2028-07-01; plans to leave 2027-06-30
    auto const g = hire("G", "1958-11-30", soder, "assistant_nurse"); // 66 on 2024-11-30: leaves in 2026
    (void)a;

    // Titles: B and E hold the transitional right (ends 2033-06-30), D a granted certificate.
    std::string const transitional = R"({"status":"transitional_right","evidence":"Intyg usk 2023-07-01"})";
    title(b, transitional, 0);
    title(e, transitional, 0);
    title(d, R"({"status":"certificate_applied"})", 0);
    title(d, R"({"status":"granted","evidence":"Bevis Socialstyrelsen"})", 1);
    // Language: care work needs B2 overall by default; D has it. F's profession has no requirement.
    REQUIRE(
        call(
            "POST",
            "/api/v1/employees/" + d + "/language/assessments",
            R"({"skill":"overall","level":"B2","method":"test","assessed_on":"2026-11-02","evidence":"Test","assessor_external":"Folkuniversitetet"})",
            hr_a
        )
            .status == 201
    );
    // Supervisors: step 1 is one course, and C holds it.
    auto const hl1 = text(
        json_of(call(
            "POST",
            "/api/v1/courses",
            R"({"code":"HL1","title":"Handledare steg 1","kind":"classroom"})",
            hr_a
        )),
        "id"
    );
    REQUIRE(
        call(
            "PUT",
            "/api/v1/placement-policy",
            R"({"step_1_course_ids":[")" + hl1 + "\"]}",
            hr_a,
            {{"If-Match", "\"0\""}}
        ).status == 200
    );
    REQUIRE(
        call(
            "POST",
            "/api/v1/training-records",
            R"({"employee_id":")" + c + R"(","course_id":")" + hl1 + R"(","completed_on":"2025-01-10"})",
            hr_a
        )
            .status == 201
    );
    // Mentors: D mentors (the default three at once).
    auto const ment = text(
        json_of(
            call("POST", "/api/v1/mentorship-programmes", R"({"name":"Favo","kind":"new_employee"})", hr_a)
        ),
        "id"
    );
    REQUIRE(
        call(
            "POST",
            "/api/v1/mentorships",
            R"({"programme_id":")" + ment + R"(","mentor_id":")" + d + R"(","mentee_id":")" + e +
                R"(","starts_on":"2026-11-23","ends_on":"2027-05-31"})",
            hr_a
        )
            .status == 201
    );
    // F's senior plan: the last day 2027-06-30.
    REQUIRE(
        call(
            "PUT",
            "/api/v1/employees/" + f + "/senior-plan",
            R"({"planned_exit_on":"2027-06-30"})",
            hr_a,
            {{"If-Match", "\"0\""}}
        ).status == 200
    );

    auto const p = projection("");
    CHECK(p.at("as_of").as_string() == "2026-11-23");
    CHECK(p.at("exit_rule").as_string() == "target_age");
    auto const& total = p.at("total").as_object();
    CHECK(total.at("headcount").as_int64() == 7);
    CHECK(total.at("unknown_age").as_int64() == 1);
    CHECK(column(total, "year").front().first == 2026);
    CHECK(column(total, "year").back().first == 2035);
    // Exits: A and G (2026), B (2027), F (2028), C (2029).
    CHECK(values(total, "exits") == std::vector<int>{2, 1, 1, 1, 0, 0, 0, 0, 0, 0});
    CHECK(values(total, "remaining") == std::vector<int>{5, 4, 3, 2, 2, 2, 2, 2, 2, 2});
    CHECK(values(total, "need") == std::vector<int>(10, 7));
    CHECK(values(total, "recruitment") == std::vector<int>{2, 3, 4, 5, 5, 5, 5, 5, 5, 5});
    // Each recruit needs a mentor the year they come; D's three places stay all along.
    CHECK(values(total, "mentor_need") == std::vector<int>{2, 1, 1, 1, 0, 0, 0, 0, 0, 0});
    CHECK(values(total, "mentor_supply") == std::vector<int>(10, 3));
    // Title today: B, D, E. B leaves in 2027; E's right ends 2033-06-30.
    CHECK(values(total, "title_holders") == std::vector<int>{3, 2, 2, 2, 2, 2, 2, 1, 1, 1});
    CHECK(values(total, "title_gap") == std::vector<int>{0, 1, 1, 1, 1, 1, 1, 2, 2, 2});
    // Language met today: D and F (no requirement). F leaves in 2028.
    CHECK(values(total, "language_met") == std::vector<int>{2, 2, 1, 1, 1, 1, 1, 1, 1, 1});
    CHECK(values(total, "language_gap") == std::vector<int>{0, 0, 1, 1, 1, 1, 1, 1, 1, 1});
    // The one supervisor, C, leaves in 2029.
    CHECK(values(total, "supervisors") == std::vector<int>{1, 1, 1, 0, 0, 0, 0, 0, 0, 0});
    CHECK(values(total, "supervisor_gap") == std::vector<int>{0, 0, 0, 1, 1, 1, 1, 1, 1, 1});
    CHECK(values(total, "delegation_ready") == std::vector<int>(10, 0));

    // Per unit and profession: Norr's assistant nurses, Norr's nurse, Söder's assistant nurse.
    auto const& groups = p.at("groups").as_array();
    REQUIRE(groups.size() == 3);
    for (auto const& gv : groups)
    {
        auto const& grp = gv.as_object();
        auto const key = text(grp, "unit_id") + "/" + text(grp, "profession");
        INFO(key);
        if (key == norr + "/assistant_nurse")
        {
            CHECK(grp.at("headcount").as_int64() == 5);
            CHECK(values(grp, "remaining") == std::vector<int>{4, 3, 3, 2, 2, 2, 2, 2, 2, 2});
        }
        else if (key == norr + "/registered_nurse")
            CHECK(values(grp, "remaining") == std::vector<int>{1, 1, 0, 0, 0, 0, 0, 0, 0, 0});
        else
        {
            CHECK(key == soder + "/assistant_nurse");
            CHECK(values(grp, "exits") == std::vector<int>{1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        }
    }

    // Per personal plan, F leaves in 2027 instead.
    auto const planned = projection("?exit_rule=personal_plan");
    CHECK(values(planned.at("total").as_object(), "exits") == std::vector<int>{2, 2, 0, 1, 0, 0, 0, 0, 0, 0});
    // At the LAS date (69): G 2027-11-30, A 2028-05-31, B 2029-03-31, F 2030-07-31, C 2031-12-31.
    auto const las = projection("?exit_rule=las");
    CHECK(values(las.at("total").as_object(), "remaining") == std::vector<int>{7, 6, 5, 4, 3, 2, 2, 2, 2, 2});
    // Another target-age table, 65 for all: A, B, F and G are past it (2026), C reaches it in 2027.
    auto const at65 = projection("?target_ages=0:65");
    CHECK(values(at65.at("total").as_object(), "exits") == std::vector<int>{4, 1, 0, 0, 0, 0, 0, 0, 0, 0});
    // Demand growing 10 % a year, rounded half up each year: 7, 8, 9, 10, 11, 12, 13, 14, 15, 17.
    auto const grows = projection("?demand_growth=10");
    CHECK(
        values(grows.at("total").as_object(), "need") == std::vector<int>{7, 8, 9, 10, 11, 12, 13, 14, 15, 17}
    );
    // One unit: Söder alone.
    auto const one = projection("?unit_id=" + soder);
    CHECK(one.at("total").at("headcount").as_int64() == 1);
}

TEST_CASE_METHOD(
    workforce_fixture,
    "the projection as CSV and SVG, for HR only, with bad assumptions refused",
    "[http][workforce]"
)
{
    hire("A", "1959-05-10", norr, "assistant_nurse");
    hire("B", "1990-05-10", norr, "assistant_nurse");
    auto const csv = call("GET", "/api/v1/reports/workforce-projection?format=csv", "", hr_a);
    REQUIRE(csv.status == 200);
    CHECK(csv.content_type.rfind("text/csv", 0) == 0);
    CHECK(csv.body.find("unit_id,profession,year,exits,remaining,need") == 0);
    CHECK(csv.body.find("all,all,2026,1,1,2,1") != std::string::npos);
    CHECK(csv.body.find(norr + ",assistant_nurse,2035,0,1,2,1") != std::string::npos);

    auto const svg = call("GET", "/api/v1/reports/workforce-projection?format=svg", "", hr_a);
    REQUIRE(svg.status == 200);
    CHECK(svg.content_type == "image/svg+xml");
    CHECK(svg.body.rfind("<svg", 0) == 0);
    CHECK(svg.body.find("2035: 1 remaining, 2 needed") != std::string::npos);
    std::size_t bars = 0;
    for (auto at = svg.body.find("class=\"remaining\""); at != std::string::npos;
         at = svg.body.find("class=\"remaining\"", at + 1))
        ++bars;
    CHECK(bars == 10);

    auto const code_field = [&](http::response const& r) {
        return text(json_of(r), "code") + " " + text(json_of(r), "field");
    };
    CHECK(
        code_field(call("GET", "/api/v1/reports/workforce-projection?exit_rule=lottery", "", hr_a)) ==
        "validation_failed /exit_rule"
    );
    CHECK(
        code_field(call("GET", "/api/v1/reports/workforce-projection?target_ages=1959:67,1958:66", "", hr_a)
        ) == "validation_failed /target_ages"
    );
    CHECK(
        code_field(call("GET", "/api/v1/reports/workforce-projection?demand_growth=lots", "", hr_a)) ==
        "validation_failed /demand_growth"
    );
    CHECK(
        code_field(call("GET", "/api/v1/reports/workforce-projection?demand_growth=50", "", hr_a)) ==
        "validation_failed /demand_growth"
    );
    CHECK(
        code_field(call("GET", "/api/v1/reports/workforce-projection?format=pdf", "", hr_a)) ==
        "validation_failed /format"
    );
    CHECK(call("GET", "/api/v1/reports/workforce-projection?unit_id=" + norr, "", hr_b).status == 404);
    // Built from birth dates: HR only, not administrators, managers or staff.
    CHECK(call("GET", "/api/v1/reports/workforce-projection", "", admin_a).status == 403);
    CHECK(call("GET", "/api/v1/reports/workforce-projection", "", staff_a).status == 403);
}
