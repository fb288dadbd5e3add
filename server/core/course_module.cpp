#include "server/core/course_module.hpp"

namespace kompetens::core {

std::optional<failure> validate(course_module const& m)
{
    if (m.kind != "reading" && m.kind != "video" && m.kind != "quiz" && m.kind != "practical")
        return invalid("/kind", "must be one of reading, video, quiz, practical");
    if (m.title.empty() || m.title.size() > 200)
        return invalid("/title", "is required and at most 200 bytes");
    if (m.body.size() > 100'000)
        return invalid("/body", "is longer than 100 000 bytes");
    if (m.kind == "video" && m.body.rfind("https://", 0) != 0)
        return invalid("/body", "must be an https:// link to the video");
    if (m.kind != "quiz")
    {
        if (!m.questions.empty())
            return invalid("/questions", "only a quiz has questions");
        return std::nullopt;
    }
    if (m.questions.empty() || m.questions.size() > 100)
        return invalid("/questions", "a quiz has 1-100 questions");
    for (std::size_t i = 0; i < m.questions.size(); ++i)
    {
        auto const& q = m.questions[i];
        auto const at = "/questions/" + std::to_string(i);
        if (q.prompt.empty() || q.prompt.size() > 2000)
            return invalid(at + "/prompt", "is required and at most 2000 bytes");
        if (q.options.size() < 2 || q.options.size() > 10)
            return invalid(at + "/options", "must offer 2-10 options");
        if (q.correct < 0 || q.correct >= static_cast<int>(q.options.size()))
            return invalid(at + "/correct", "must be the index of one of the options");
    }
    if (!m.passing_score || *m.passing_score < 0 || *m.passing_score > 100)
        return invalid("/passing_score", "a quiz needs a passing score between 0 and 100");
    return std::nullopt;
}

int score_quiz(std::vector<quiz_question> const& questions, std::vector<int> const& answers)
{
    if (questions.empty())
        return 0;
    int right = 0;
    for (std::size_t i = 0; i < questions.size(); ++i)
        if (i < answers.size() && answers[i] == questions[i].correct)
            ++right;
    return right * 100 / static_cast<int>(questions.size());
}

} // namespace kompetens::core
