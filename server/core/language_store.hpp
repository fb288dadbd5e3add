#pragma once
#include "server/core/language.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** Language assessments, requirements and plans; implemented by server/storage inside the caller's
    transaction. */
class language_store
{
public:
    virtual ~language_store() = default;

    virtual void insert_assessment(language_assessment const& a) = 0;
    /** Oldest first. */
    virtual std::vector<language_assessment>
    assessments_of(std::string const& org, std::string const& employee_id) = 0;

    /** The stored requirements, or the built-in default (version 0) when none were saved. */
    virtual language_requirements requirements(std::string const& org) = 0;
    /** Replaces them; false when `expected_version` is not the stored one (0: none stored). */
    virtual bool save_requirements(language_requirements const& r, int expected_version) = 0;

    virtual void insert_plan(language_plan const& p) = 0;
    /** With targets, supports and follow-ups. */
    virtual std::optional<language_plan> find_plan(std::string const& org, std::string const& id) = 0;
    /** Newest first. */
    virtual std::vector<language_plan> plans_of(std::string const& org, std::string const& employee_id) = 0;
    /** Active plans that name `employee_id` as language ambassador or mentor. */
    virtual std::vector<language_plan>
    plans_supported_by(std::string const& org, std::string const& employee_id) = 0;
    /** Sets state and next follow-up; false when the version moved. */
    virtual bool update_plan(language_plan const& p, int expected_version) = 0;
    /** False when a follow-up with this id exists already. */
    virtual bool insert_follow_up(std::string const& org, language_follow_up const& f) = 0;
};

} // namespace kompetens::core
