#pragma once
#include "server/core/errc.hpp"
#include "server/core/principal.hpp"

#include <optional>
#include <string_view>

namespace kompetens::core {

/** What a caller wants to do. Grows with each capability; every use case asks `decide` before it touches
    data, so the REST API and sync apply one policy. */
enum class action
{
    organisation_create,
    organisation_read,
    unit_read,              // unit names and the tree: for everyone in the organisation
    directory_read,         // all employees and employments of the organisation
    directory_write,        // units, employees, employments
    person_read,            // one person's employee record and employments
    person_read_restricted, // birth date
    audit_read,
    legitimation_read, // who may delegate: the person, the medical lead, HR and administrators
    account_admin,     // create and disable accounts, see others' devices
    title_write,       // record a person's undersköterska status and its evidence: HR and administrators
    title_report,      // the organisation's title transition report: HR and administrators
    language_read,     // a person's language assessments and plans: the person, their managers, HR
    language_write,    // record assessments and plans: the person's managers and HR
    language_policy,   // the organisation's language requirements: HR and administrators
    role_assign,       // give or end a special role: the person's managers, HR and administrators
    role_policy,       // the qualification rules of special roles: HR and administrators
    placement_admin, // providers, programmes, learners, supervisor steps, capacities: coordinators, HR, admin
    placement_manage,  // request, confirm or cancel a placement: the above, and managers of the unit
    placement_read,    // a placement and its notes and hours: the above, and its supervisor (self)
    mentorship_admin,  // mentorship programmes and their mentor qualifications: HR and administrators
    mentorship_manage, // pair a mentor and mentee, end it: HR, administrators, the mentee's managers
    mentorship_read,   // a mentorship and its meetings: the above, the mentor and the mentee (self)
    workforce_plan,    // the ten-year projection: HR
};

/** How the caller stands to the person a record is about. */
enum class relation
{
    self,    // the caller's own record (or one where the caller is the named supervisor or mentor)
    managed, // works in (or is about) a unit the caller manages, or below it
    other,
};

/** The one access decision. `target_organisation` is the organisation that owns the object.
    Returns nothing when allowed. A caller outside the owning organisation gets `not_found`, never
    `forbidden`, so that the answer does not reveal that the object exists (security.md, T3). */
std::optional<failure> decide(principal const& p, action a, std::string_view target_organisation);

/** The same decision for a record about one person, where the relation matters: staff read their own,
    managers the people of their units, HR and administrators everyone in the organisation. */
std::optional<failure> decide(principal const& p, action a, std::string_view target_organisation, relation r);

} // namespace kompetens::core
