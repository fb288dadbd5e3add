#pragma once
#include "server/core/course_module.hpp"
#include "server/core/delegation.hpp"
#include "server/core/language.hpp"
#include "server/core/notification.hpp"
#include "server/core/special_role.hpp"
#include "server/core/training.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kompetens::wire {

/** The JSON of core records, one shape for the REST API and for sync, so a phone sees the same fields
    whichever door it used. Learners' views never carry answer keys. */

/** An optional as JSON: the value, or null. */
template <class T> boost::json::value opt(std::optional<T> const& v)
{
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::array strings(std::vector<std::string> const& v);

boost::json::object task_json(core::delegation_task const& t);
boost::json::value signature_json(std::optional<core::signature> const& s);
boost::json::object decision_json(core::delegation_decision const& d);

boost::json::object course_json(core::course const& c, std::optional<core::course_version> const& v);
boost::json::object rule_json(core::requirement_rule const& r);
boost::json::object status_json(core::requirement_status const& s);
boost::json::object record_json(core::training_record const& r);
/** A module as a learner sees it: questions and options, never which option is right. */
boost::json::object module_json(core::course_module const& m);

boost::json::object notification_json(core::notification const& n);

/** `[{"skill": …, "level": …}]` (with `profession` when set). */
boost::json::array levels_json(std::vector<core::language_rule> const& v);
boost::json::object assessment_json(core::language_assessment const& a);
/** A plan with its targets, supports and follow-ups: the person and their supports see it. */
boost::json::object language_plan_json(core::language_plan const& p);
boost::json::object special_role_json(core::special_role_assignment const& a);

} // namespace kompetens::wire
