#pragma once
#include "server/core/language_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Language assessments, requirements and plans on SQL; one per unit of work. */
class language_repository final : public core::language_store
{
    soci::session& sql_;

public:
    explicit language_repository(soci::session& sql) : sql_(sql) {}

    void insert_assessment(core::language_assessment const& a) override;
    std::vector<core::language_assessment>
    assessments_of(std::string const& org, std::string const& employee_id) override;
    core::language_requirements requirements(std::string const& org) override;
    bool save_requirements(core::language_requirements const& r, int expected_version) override;
    void insert_plan(core::language_plan const& p) override;
    std::optional<core::language_plan> find_plan(std::string const& org, std::string const& id) override;
    std::vector<core::language_plan>
    plans_of(std::string const& org, std::string const& employee_id) override;
    std::vector<core::language_plan>
    plans_supported_by(std::string const& org, std::string const& employee_id) override;
    bool update_plan(core::language_plan const& p, int expected_version) override;
    bool insert_follow_up(std::string const& org, core::language_follow_up const& f) override;

private:
    std::vector<core::language_plan>
    plans_where(std::string const& where, std::string const& org, std::string const& who);
    void fill(core::language_plan& p);
};

} // namespace kompetens::storage
