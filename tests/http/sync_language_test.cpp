// Language plans, special roles and the title on phones: what the view carries, and the language
// ambassador's follow-up sent offline as `language_plan.follow_up`.
#include "tests/http/sync_fixture.hpp"

using namespace kompetens;
using namespace kompetens::test;
using sync::lane;

namespace {

struct language_sync_fixture : sync_fixture
{
    std::string plan;

    language_sync_fixture()
    {
        // Ida's plan, with Sara as her language ambassador.
        auto r = call(
            "POST",
            "/api/v1/employees/" + ida + "/language/plans",
            R"({"targets":[{"skill":"speaking","level":"B2"}],"next_follow_up_on":"2027-01-15",
                "supports":[{"kind":"language_ambassador","person_id":")" +
                sara + R"("}]})",
            boss_t
        );
        REQUIRE(r.status == 201);
        plan = text(json_of(r), "id");
    }

    boost::json::object follow_up(std::string const& id, char const* outcome)
    {
        return {
            {"plan_id", plan},
            {"follow_up_id", id},
            {"held_on", "2026-11-20"},
            {"outcome", outcome},
            {"next_follow_up_on", "2027-02-15"}};
    }
};

boost::json::object result_at(wire_reply const& r, std::size_t i)
{
    return r.json().at("results").as_array().at(i).as_object();
}

} // namespace

TEST_CASE_METHOD(
    language_sync_fixture,
    "the person and her language ambassador both have the plan offline; the ambassador's follow-up syncs "
    "once",
    "[http][sync][language]"
)
{
    auto idas = sync_fixture::phone(ida_t);
    idas.pull_all();
    REQUIRE(idas.of_type("language_plan").size() == 1);
    auto saras = sync_fixture::phone(sara_t);
    saras.pull_all();
    REQUIRE(saras.of_type("language_plan").size() == 1);
    // Sara's phone can name Ida (the plan is about her) but holds none of Ida's assessments.
    auto const people = saras.of_type("person");
    CHECK(std::any_of(people.begin(), people.end(), [&](auto const& p) {
        return p.at("id").as_string() == ida;
    }));

    auto const id = core::new_uuid_v7(clock.now());
    auto const m = saras.mutation(lane::normal, "language_plan.follow_up", follow_up(id, "on_track"));
    auto first = saras.push(lane::normal, {m});
    INFO(first.body);
    REQUIRE(first.status == 200);
    CHECK(str(result_at(first, 0), "status") == "applied");
    CHECK_FALSE(result_at(first, 0).contains("duplicate_entity")); // present only when true
    // The same follow-up from a second phone of hers (a new mutation, the same entity id) is one follow-up.
    auto second_phone = sync_fixture::phone(sara_t);
    auto again = second_phone.push(
        lane::normal,
        {second_phone.mutation(lane::normal, "language_plan.follow_up", follow_up(id, "on_track"))}
    );
    REQUIRE(again.status == 200);
    CHECK(result_at(again, 0).at("duplicate_entity").as_bool());
    CHECK(count("select count(*) from language_follow_up") == 1);

    idas.pull_all();
    auto const mine = idas.of_type("language_plan").front();
    CHECK(mine.at("next_follow_up_on").as_string() == "2027-02-15");
    CHECK(mine.at("follow_ups").as_array().size() == 1);
    CHECK(idas.local_digest() == idas.last_digest);

    // Ida herself may not follow up her own plan, and it is refused in the right lane only.
    auto own = idas.push(
        lane::normal,
        {idas.mutation(
            lane::normal, "language_plan.follow_up", follow_up(core::new_uuid_v7(clock.now()), "behind")
        )}
    );
    CHECK(str(result_at(own, 0), "code") == "forbidden");
    auto wrong = saras.push(
        lane::critical,
        {saras.mutation(
            lane::critical, "language_plan.follow_up", follow_up(core::new_uuid_v7(clock.now()), "behind")
        )}
    );
    CHECK(str(result_at(wrong, 0), "code") == "wrong_lane");
}

TEST_CASE_METHOD(
    language_sync_fixture,
    "a phone shows the title only where it may be used, and its holder's special roles",
    "[http][sync][roles]"
)
{
    auto saras = sync_fixture::phone(sara_t);
    saras.pull_all();
    auto me = [&] {
        for (auto const& p : saras.of_type("person"))
            if (p.at("id").as_string() == sara)
                return p;
        FAIL("no person row for Sara");
        return boost::json::object{};
    };
    CHECK_FALSE(me().at("may_use_title").as_bool());
    REQUIRE(
        call(
            "PUT",
            "/api/v1/employees/" + sara + "/title",
            R"({"status":"transitional_right","evidence":"Intyg 2023-07-01"})",
            hr_a,
            {{"If-Match", "\"0\""}}
        ).status == 200
    );
    REQUIRE(
        call(
            "POST",
            "/api/v1/employees/" + sara + "/special-roles",
            R"({"role":"care_contact","unit_id":")" + home + "\"}",
            boss_t
        )
            .status == 201
    );
    saras.pull_all();
    CHECK(me().at("may_use_title").as_bool());
    auto const roles = saras.of_type("special_role");
    REQUIRE(roles.size() == 1);
    CHECK(roles[0].at("role").as_string() == "care_contact");
    CHECK(roles[0].at("state").as_string() == "active");
    CHECK(saras.local_digest() == saras.last_digest);
}
