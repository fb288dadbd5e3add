#pragma once
#include "server/core/mentorship.hpp"
#include "server/core/placement.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kompetens::core {

/** Mentorship programmes, pairs and meetings; implemented by server/storage inside the caller's
    transaction. */
class mentorship_store
{
public:
    virtual ~mentorship_store() = default;

    virtual void insert_programme(mentorship_programme const& p) = 0;
    virtual std::optional<mentorship_programme>
    find_programme(std::string const& org, std::string const& id) = 0;
    virtual std::vector<mentorship_programme> programmes(std::string const& org) = 0;

    /** Serialises the capacity check of one mentor (a row lock on PostgreSQL). */
    virtual void lock_mentor(std::string const& org, std::string const& mentor_id) = 0;
    virtual void insert(mentorship const& m) = 0;
    virtual std::optional<mentorship> find(std::string const& org, std::string const& id) = 0;
    /** Status and end; false when the version moved. */
    virtual bool update(mentorship const& m, int expected_version) = 0;
    /** Active mentorships of the mentor overlapping `span`. */
    virtual std::vector<mentorship>
    active_of_mentor(std::string const& org, std::string const& mentor_id, date_span const& span) = 0;
    /** Every mentorship where the person is mentor or mentee, newest first. */
    virtual std::vector<mentorship> of_person(std::string const& org, std::string const& employee_id) = 0;
    /** Active mentorships whose mentor is someone, across the organisation: mentor ids, once each. */
    virtual std::vector<std::string> mentors(std::string const& org) = 0;

    virtual std::optional<mentorship_meeting> find_meeting(std::string const& org, std::string const& id) = 0;
    virtual void insert_meeting(mentorship_meeting const& m) = 0;
    virtual std::vector<mentorship_meeting>
    meetings(std::string const& org, std::string const& mentorship_id) = 0;
};

} // namespace kompetens::core
