// The pure rules of language levels and special-role qualifications (server/core/language.hpp,
// special_role.hpp), including a randomised check that the current level is always the latest one.
#include "server/core/language.hpp"
#include "server/core/special_role.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace kompetens::core;

namespace {

language_assessment assessed(std::string skill, std::string level, std::string on, std::string id = "a")
{
    language_assessment a;
    a.skill = std::move(skill);
    a.level = std::move(level);
    a.assessed_on = std::move(on);
    a.id = std::move(id);
    return a;
}

} // namespace

TEST_CASE("CEFR levels order A1 to C2 and nothing else counts", "[unit][language]")
{
    CHECK(cefr_rank("A1") == 1);
    CHECK(cefr_rank("B2") == 4);
    CHECK(cefr_rank("C2") == 6);
    CHECK(cefr_rank("b2") == 0);
    CHECK(cefr_rank("") == 0);
    CHECK(cefr_rank("D1") == 0);
}

TEST_CASE(
    "the current level of a skill is its latest assessment, else the latest overall", "[unit][language]"
)
{
    std::vector<language_assessment> h{
        assessed("overall", "B1", "2026-01-01"), assessed("speaking", "A2", "2025-06-01")};
    CHECK(current_level(h, "speaking") == std::optional<std::string>("A2")); // its own, though older
    CHECK(current_level(h, "writing") == std::optional<std::string>("B1"));  // overall stands in
    CHECK(current_level(h, "overall") == std::optional<std::string>("B1"));
    CHECK_FALSE(current_level({}, "speaking"));
    // Another language does not count.
    auto english = assessed("speaking", "C2", "2026-02-01");
    english.language = "en";
    h.push_back(english);
    CHECK(current_level(h, "speaking") == std::optional<std::string>("A2"));
    // Same day: the one recorded later (by id, creation order) wins, whatever the order of the list.
    std::vector<language_assessment> same_day{
        assessed("speaking", "B2", "2026-03-01", "0002"), assessed("speaking", "B1", "2026-03-01", "0001")};
    CHECK(current_level(same_day, "speaking") == std::optional<std::string>("B2"));
}

TEST_CASE(
    "randomised: the current level is the one assessed last, in any order of the history", "[unit][language]"
)
{
    std::mt19937 rng(20261123);
    char const* levels[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
    for (int round = 0; round < 200; ++round)
    {
        std::vector<language_assessment> h;
        int const n = 1 + static_cast<int>(rng() % 8);
        for (int i = 0; i < n; ++i)
        {
            auto const month = 1 + static_cast<int>(rng() % 12);
            std::string const day = std::string("2026-") + (month < 10 ? "0" : "") + std::to_string(month) +
                                    "-0" + std::to_string(1 + i);
            h.push_back(assessed("reading", levels[rng() % 6], day, std::to_string(1000 + i)));
        }
        auto latest = h.front();
        for (auto const& a : h)
            if (std::tie(a.assessed_on, a.id) > std::tie(latest.assessed_on, latest.id))
                latest = a;
        std::shuffle(h.begin(), h.end(), rng);
        REQUIRE(current_level(h, "reading") == std::optional<std::string>(latest.level));
    }
}

TEST_CASE("care work is held to the default; a profession's own rules replace it", "[unit][language]")
{
    language_requirements r;
    CHECK(required_of(r, "assistant_nurse").size() == 1);
    CHECK(required_of(r, "assistant_nurse")[0].level == "B2");
    CHECK(required_of(r, "registered_nurse").empty()); // licensed: Socialstyrelsen checked their Swedish
    r.rules.push_back({"assistant_nurse", "speaking", "B1"});
    auto const own = required_of(r, "assistant_nurse");
    REQUIRE(own.size() == 1);
    CHECK(own[0].skill == "speaking");
    CHECK(required_of(r, "care_assistant")[0].level == "B2");
    r.default_level.reset();
    CHECK(required_of(r, "care_assistant").empty());

    std::vector<language_assessment> h{assessed("speaking", "B1", "2026-01-01")};
    CHECK(unmet(own, h).empty());
    CHECK(unmet({{"", "speaking", "B2"}}, h).size() == 1);
    CHECK(unmet({{"", "writing", "A1"}}, h).size() == 1); // never assessed is unmet
}

TEST_CASE("what a special role lacks, on the day", "[unit][roles]")
{
    auto care_contact = default_rule("org", "care_contact");
    qualification_facts f;
    CHECK(missing_for(care_contact, f, "2026-11-23") == std::vector<std::string>{"title"});
    f.title.status = "transitional_right";
    f.title.transitional_evidence = "intyg";
    CHECK(missing_for(care_contact, f, "2033-06-30").empty());
    CHECK(missing_for(care_contact, f, "2033-07-01") == std::vector<std::string>{"title"});
    f.title.status = "granted";
    CHECK(missing_for(care_contact, f, "2040-01-01").empty());

    special_role_rule apl = default_rule("org", "apl_supervisor");
    apl.course_ids = {"step1"};
    training_record rec;
    rec.course_id = "step1";
    rec.completed_on = "2025-12-01";
    rec.valid_until = "2026-11-30";
    rec.attested = false;
    f.records = {rec};
    CHECK(missing_for(apl, f, "2026-11-23") == std::vector<std::string>{"course:step1"}); // unattested
    f.records[0].attested = true;
    CHECK(missing_for(apl, f, "2026-11-30").empty());
    CHECK(missing_for(apl, f, "2026-12-01") == std::vector<std::string>{"course:step1"});

    auto ambassador = default_rule("org", "language_ambassador");
    CHECK(missing_for(ambassador, f, "2026-11-23") == std::vector<std::string>{"language:overall:B2"});
    f.assessments = {assessed("overall", "C1", "2026-01-01")};
    CHECK(missing_for(ambassador, f, "2026-11-23").empty());

    CHECK(validate(care_contact) == std::nullopt);
    care_contact.requires_title = false;
    CHECK(validate(care_contact)->field == "/requires_title");
}
