// Extended careers: the senior plan, which only the person and HR may read, where the person writes their
// wishes and HR what was agreed.
#include "tests/http/api_harness.hpp"

using namespace kompetens;
using namespace kompetens::test;

namespace {

struct career_fixture : api_harness
{
    std::string home = unit(hr_a, "Hemtjänst Norr");
    std::string berit = person(hr_a, "Berit", home);
    std::string sara = person(hr_a, "Sara", home);
    std::string chef = person(hr_a, "Chef", home);
    std::string berit_t = account_token(org_a, "berit", static_cast<unsigned>(core::role::staff), berit);
    std::string sara_t = account_token(org_a, "sara", static_cast<unsigned>(core::role::staff), sara);
    std::string chef_t = account_token(org_a, "chef", core::role::manager | core::role::staff, chef);

    http::response save(std::string const& body, int version, std::string const& token)
    {
        return call(
            "PUT",
            "/api/v1/employees/" + berit + "/senior-plan",
            body,
            token,
            {{"If-Match", "\"" + std::to_string(version) + "\""}}
        );
    }

    static std::string field_of(http::response const& r)
    {
        return text(json_of(r), "code") + " " + text(json_of(r), "field");
    }
};

} // namespace

TEST_CASE_METHOD(
    career_fixture,
    "the person writes her wishes, HR what was agreed; nobody else reads the plan",
    "[http][career]"
)
{
    auto none = call("GET", "/api/v1/employees/" + berit + "/senior-plan", "", berit_t);
    REQUIRE(none.status == 200);
    CHECK(json_of(none).at("version").as_int64() == 0);

    auto wished = save(
        R"({"wishes":[{"kind":"reduced_hours","fte":0.8,"from_date":"2027-01-01"},{"kind":"mentor_role"}],
            "planned_exit_on":"2030-06-30"})",
        0,
        berit_t
    );
    INFO(wished.body);
    REQUIRE(wished.status == 200);
    CHECK(json_of(wished).at("wishes").as_array()[0].at("fte").as_double() == Approx(0.8));

    // She cannot write what was agreed herself.
    auto self_agreed = save(R"({"agreed":[{"kind":"fewer_nights"}]})", 1, berit_t);
    CHECK(self_agreed.status == 403);
    CHECK(text(json_of(self_agreed), "field") == "/agreed");

    auto agreed = save(
        R"({"wishes":[{"kind":"reduced_hours","fte":0.8,"from_date":"2027-01-01"},{"kind":"mentor_role"}],
            "agreed":[{"kind":"reduced_hours","fte":0.8,"from_date":"2027-01-01","to_date":"2027-12-31"},
                      {"kind":"knowledge_transfer"}],
            "planned_exit_on":"2030-06-30","review_on":"2027-06-01"})",
        1,
        hr_a
    );
    INFO(agreed.body);
    REQUIRE(agreed.status == 200);
    CHECK(header(agreed, "ETag") == "\"2\"");
    CHECK(save("{}", 1, hr_a).status == 409); // a stale version

    // Her wishes change; what was agreed stays as it was.
    auto changed = save(
        R"({"wishes":[{"kind":"fewer_nights"}],
            "agreed":[{"kind":"reduced_hours","fte":0.8,"from_date":"2027-01-01","to_date":"2027-12-31"},
                      {"kind":"knowledge_transfer"}],"review_on":"2027-06-01"})",
        2,
        berit_t
    );
    INFO(changed.body);
    REQUIRE(changed.status == 200);
    CHECK(json_of(changed).at("agreed").as_array().size() == 2);
    CHECK(json_of(changed).at("planned_exit_on").is_null());

    // Staff cannot read another person's senior plan; her manager is refused, HR reads it.
    CHECK(call("GET", "/api/v1/employees/" + berit + "/senior-plan", "", sara_t).status == 404);
    CHECK(call("GET", "/api/v1/employees/" + berit + "/senior-plan", "", chef_t).status == 403);
    CHECK(call("GET", "/api/v1/employees/" + berit + "/senior-plan", "", admin_a).status == 403);
    CHECK(call("GET", "/api/v1/employees/" + berit + "/senior-plan", "", hr_b).status == 404);
    CHECK(call("GET", "/api/v1/employees/" + berit + "/senior-plan", "", hr_a).status == 200);
    CHECK(save("{}", 3, sara_t).status == 404);
}

TEST_CASE_METHOD(career_fixture, "the rules of a senior plan, each refused with its field", "[http][career]")
{
    CHECK(
        field_of(save(R"({"wishes":[{"kind":"reduced_hours"}]})", 0, hr_a)) ==
        "validation_failed /wishes/0/fte"
    );
    CHECK(
        field_of(save(R"({"wishes":[{"kind":"reduced_hours","fte":1.0}]})", 0, hr_a)) ==
        "validation_failed /wishes/0/fte"
    );
    CHECK(
        field_of(save(R"({"agreed":[{"kind":"mentor_role","fte":0.5}]})", 0, hr_a)) ==
        "validation_failed /agreed/0/fte"
    );
    CHECK(field_of(save(R"({"agreed":[{"kind":"golf"}]})", 0, hr_a)) == "validation_failed /agreed/0/kind");
    CHECK(
        field_of(
            save(R"({"agreed":[{"kind":"other","from_date":"2027-02-01","to_date":"2027-01-01"}]})", 0, hr_a)
        ) == "validation_failed /agreed/0/to_date"
    );
    CHECK(field_of(save(R"({"review_on":"2026-11-22"})", 0, hr_a)) == "validation_failed /review_on");
    CHECK(
        field_of(save(R"({"planned_exit_on":"2030-02-30"})", 0, hr_a)) == "validation_failed /planned_exit_on"
    );
    CHECK(call("PUT", "/api/v1/employees/" + berit + "/senior-plan", "{}", hr_a).status == 428);
}
