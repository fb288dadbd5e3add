#pragma once
#include "server/core/delegation_service.hpp"
#include "server/core/language_service.hpp"
#include "server/core/learner_service.hpp"
#include "server/core/mentorship_service.hpp"
#include "server/core/placement_service.hpp"
#include "server/core/special_role_service.hpp"
#include "server/core/task_record_service.hpp"
#include "server/core/training_service.hpp"
#include "sync/server/sync_backend.hpp"

namespace kompetens::sync {

/** The core use cases over one transaction's stores: how mutations and views reach the same rules as
    the REST API. */
inline core::delegation_service delegation_service_of(stores& s, core::clock const& c)
{
    return {s.directory, s.training, s.delegations, s.accounts, s.audit, s.notifications, c};
}

inline core::training_service training_service_of(stores& s, core::clock const& c)
{
    return {s.directory, s.training, s.audit, s.notifications, c};
}

inline core::learner_service learner_service_of(stores& s, core::clock const& c)
{
    return {s.training, s.learning, s.audit, c};
}

inline core::task_record_service task_record_service_of(stores& s, core::clock const& c)
{
    return {s.delegations, s.task_records, s.audit, s.notifications, c};
}

inline core::language_service language_service_of(stores& s, core::clock const& c)
{
    return {s.directory, s.language, s.audit, s.notifications, c};
}

inline core::special_role_service special_role_service_of(stores& s, core::clock const& c)
{
    return {{s.directory, s.roles, s.training, s.titles, s.language, s.audit, s.notifications}, c};
}

inline core::workplace_ports workplace_ports_of(stores& s)
{
    return {s.directory, s.placements, s.mentorships, s.training, s.audit, s.notifications};
}

inline core::placement_service placement_service_of(stores& s, core::clock const& c)
{
    return {workplace_ports_of(s), c};
}

inline core::mentorship_service mentorship_service_of(stores& s, core::clock const& c)
{
    return {workplace_ports_of(s), c};
}

} // namespace kompetens::sync
