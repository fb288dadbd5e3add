#pragma once
#include "server/core/clock.hpp"
#include "server/core/errc.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** One question of a quiz. The answer key (`correct`) stays on the server: clients get the prompt and
    options only, and attempts are scored here. */
struct quiz_question
{
    std::string prompt;
    std::vector<std::string> options;
    int correct = 0; // index into options
};

/** A part of a course: something to read, a video to watch, a quiz, or a practical task signed off by an
    attester. A course is completed when every module is. */
struct course_module
{
    std::string id;
    std::string organisation_id;
    std::string course_id;
    int position = 0;
    std::string kind; // reading | video | quiz | practical
    std::string title;
    std::string body;                 // text for reading, the link for video, instructions for practical
    std::optional<int> passing_score; // quiz: percent needed to pass
    std::vector<quiz_question> questions;
    millis created_at = 0;
};

std::optional<failure> validate(course_module const& m);

/** Percent of questions answered right (0–100, rounded down). `answers` must have one index per question;
    a missing or out-of-range answer counts as wrong. */
int score_quiz(std::vector<quiz_question> const& questions, std::vector<int> const& answers);

} // namespace kompetens::core
