#pragma once
#include "server/core/placement_service.hpp"

#include <vector>

namespace kompetens::core {

/** A mentorship with its meetings, for the mentor, the mentee, the mentee's managers and HR. */
struct mentorship_view
{
    mentorship m;
    std::vector<mentorship_meeting> meetings;
};

/** Mentorship: programmes (HR), pairing a qualified mentor with room to a mentee (HR, the mentee's
    managers), and the meeting log the two keep, from a desktop or offline from a phone. */
class mentorship_service
{
    workplace_ports s_;
    clock const& clock_;

public:
    mentorship_service(workplace_ports s, clock const& c) : s_(s), clock_(c) {}

    result<std::vector<mentorship_programme>> programmes(principal const& p);
    result<mentorship_programme> create_programme(principal const& p, mentorship_programme v);

    /** The mentor must hold the programme's courses on the first day (or today) and have room:
        `prerequisite_missing` or `capacity_exceeded` otherwise. */
    result<mentorship_view> assign(principal const& p, mentorship m);
    result<mentorship_view> end(principal const& p, std::string const& id);
    result<mentorship_view> get(principal const& p, std::string const& id);
    result<std::vector<mentorship_view>> of_person(principal const& p, std::string const& employee_id);

    /** By the mentor or the mentee. True when new; a retry with the same id and content is false; the same
        id with other content is a conflict. */
    result<bool> record_meeting(principal const& p, mentorship_meeting m);

private:
    result<mentorship> readable(principal const& p, std::string const& id, action a);
    mentorship_view view_of(mentorship m);
};

} // namespace kompetens::core
