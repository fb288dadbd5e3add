#pragma once
#include "server/core/mentorship_store.hpp"

namespace soci {
class session;
}

namespace kompetens::storage {

/** Mentorship on SQL; one per unit of work. */
class mentorship_repository final : public core::mentorship_store
{
    soci::session& sql_;
    bool postgres_;

public:
    mentorship_repository(soci::session& sql, bool postgres) : sql_(sql), postgres_(postgres) {}

    void insert_programme(core::mentorship_programme const& p) override;
    std::optional<core::mentorship_programme>
    find_programme(std::string const& org, std::string const& id) override;
    std::vector<core::mentorship_programme> programmes(std::string const& org) override;

    void lock_mentor(std::string const& org, std::string const& mentor_id) override;
    void insert(core::mentorship const& m) override;
    std::optional<core::mentorship> find(std::string const& org, std::string const& id) override;
    bool update(core::mentorship const& m, int expected_version) override;
    std::vector<core::mentorship> active_of_mentor(
        std::string const& org, std::string const& mentor_id, core::date_span const& span
    ) override;
    std::vector<core::mentorship> of_person(std::string const& org, std::string const& employee_id) override;
    std::vector<std::string> mentors(std::string const& org) override;

    std::optional<core::mentorship_meeting>
    find_meeting(std::string const& org, std::string const& id) override;
    void insert_meeting(core::mentorship_meeting const& m) override;
    std::vector<core::mentorship_meeting>
    meetings(std::string const& org, std::string const& mentorship_id) override;

private:
    void load_courses(core::mentorship_programme& p);
};

} // namespace kompetens::storage
