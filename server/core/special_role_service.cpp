#include "server/core/special_role_service.hpp"

#include "server/core/access_policy.hpp"
#include "server/core/calendar.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/ids.hpp"

#include <algorithm>
#include <chrono>
#include <set>

namespace kompetens::core {

namespace {

std::string joined(std::vector<std::string> const& parts)
{
    std::string out;
    for (auto const& p : parts)
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

} // namespace

namespace {

special_role_rule
pick(std::vector<special_role_rule> const& stored, std::string const& org, std::string const& role)
{
    for (auto const& r : stored)
        if (r.role == role)
            return r;
    return default_rule(org, role);
}

} // namespace

special_role_rule special_role_service::rule_of(std::string const& org, std::string const& role)
{
    return pick(s_.roles.stored_rules(org), org, role);
}

qualification_facts special_role_service::facts_of(std::string const& org, std::string const& employee_id)
{
    qualification_facts f;
    f.title = s_.titles.find(org, employee_id).value_or(title_status{});
    f.records = s_.training.records_of(org, employee_id);
    f.assessments = s_.language.assessments_of(org, employee_id);
    return f;
}

void special_role_service::notify(special_role_assignment const& a, std::string const& kind, millis now)
{
    notification n;
    n.organisation_id = a.organisation_id;
    n.kind = kind;
    n.subject_type = "role";
    n.subject_id = a.id;
    n.about_employee_id = a.employee_id;
    // Once per change of the assignment: a role that lapses again later is told again.
    n.dedupe_key = kind + ":" + a.id + ":" + std::to_string(a.version);
    n.created_at = now;
    std::set<std::string> recipients{a.employee_id};
    auto const today = stockholm_today(now);
    auto managers = s_.directory.managers_of(a.organisation_id, a.employee_id, today);
    if (managers.empty())
    {
        // The person has just left the unit: tell the managers they had yesterday, who must act.
        auto const d = parse_iso_date(today);
        auto const yesterday =
            format_iso_date(std::chrono::year_month_day{std::chrono::sys_days{*d} - std::chrono::days{1}});
        managers = s_.directory.managers_of(a.organisation_id, a.employee_id, yesterday);
    }
    for (auto const& m : managers)
        recipients.insert(m);
    for (auto const& r : recipients)
    {
        n.id = new_uuid_v7(now);
        n.recipient_id = r;
        s_.notifications.insert_if_new(n);
    }
}

result<std::vector<special_role_rule>> special_role_service::rules(principal const& p)
{
    if (auto f = decide(p, action::unit_read, p.organisation_id))
        return *f;
    std::vector<special_role_rule> out;
    for (auto const& role : special_roles())
        out.push_back(rule_of(p.organisation_id, role));
    return out;
}

result<special_role_rule>
special_role_service::set_rule(principal const& p, special_role_rule r, int expected_version)
{
    if (auto f = decide(p, action::role_policy, p.organisation_id))
        return *f;
    if (auto f = validate(r))
        return *f;
    for (std::size_t i = 0; i < r.course_ids.size(); ++i)
        if (!s_.training.find_course(p.organisation_id, r.course_ids[i]))
            return invalid("/course_ids/" + std::to_string(i), "no such course");
    auto const current = rule_of(p.organisation_id, r.role);
    if (current.version != expected_version)
        return failure{errc::conflict, "", "the rule changed since it was read; read it again"};
    r.organisation_id = p.organisation_id;
    r.updated_at = clock_.now();
    r.updated_by = p.account_id;
    r.version = current.version + 1;
    if (!s_.roles.save_rule(r, expected_version))
        return failure{errc::conflict, "", "the rule changed since it was read; read it again"};
    record(s_.audit, p, r.updated_at, "role.rule", "special_role", r.role);
    // A stricter rule applies to those who hold the role now: the next sweep re-checks them.
    return r;
}

result<special_role_assignment> special_role_service::assign(principal const& p, special_role_assignment a)
{
    if (!is_special_role(a.role))
        return invalid("/role", "is not a special role");
    if (!is_uuid(a.employee_id))
        return not_found("employee");
    directory_service dir{s_.directory, s_.audit, clock_};
    if (auto f = decide(p, action::role_assign, p.organisation_id, dir.relation_to(p, a.employee_id)))
        return *f;
    if (!s_.directory.find_employee(p.organisation_id, a.employee_id))
        return not_found("employee");
    auto const now = clock_.now();
    auto const day = stockholm_today(now);
    auto const units = s_.directory.current_units(p.organisation_id, a.employee_id, day);
    if (!is_uuid(a.unit_id) || std::find(units.begin(), units.end(), a.unit_id) == units.end())
        return invalid("/unit_id", "must be a unit the person works in now");
    for (auto const& held : s_.roles.assignments_of(p.organisation_id, a.employee_id))
        if (held.role == a.role && held.unit_id == a.unit_id && held.state != "ended")
            return failure{errc::conflict, "/role", "the person already holds this role in the unit"};
    auto const missing =
        missing_for(rule_of(p.organisation_id, a.role), facts_of(p.organisation_id, a.employee_id), day);
    if (!missing.empty())
        return failure{errc::prerequisite_missing, "/role", "not qualified: " + joined(missing)};
    a.id = new_uuid_v7(now);
    a.organisation_id = p.organisation_id;
    a.state = "active";
    a.missing.clear();
    a.at_risk_since.reset();
    a.assigned_at = now;
    a.assigned_by = p.account_id;
    a.version = 1;
    s_.roles.insert_assignment(a);
    record(s_.audit, p, now, "role.assign." + a.role, "employee", a.employee_id);
    return a;
}

result<special_role_assignment>
special_role_service::end(principal const& p, std::string const& assignment_id)
{
    auto a =
        is_uuid(assignment_id) ? s_.roles.find_assignment(p.organisation_id, assignment_id) : std::nullopt;
    if (!a)
        return not_found("role assignment");
    directory_service dir{s_.directory, s_.audit, clock_};
    if (auto f = decide(p, action::role_assign, p.organisation_id, dir.relation_to(p, a->employee_id)))
        return *f;
    if (a->state == "ended")
        return *a; // ending twice is harmless
    auto const now = clock_.now();
    auto const expected = a->version;
    a->state = "ended";
    a->ended_at = now;
    a->ended_by = p.account_id;
    a->version = expected + 1;
    if (!s_.roles.update_assignment(*a, expected))
        return failure{errc::conflict, "", "the role changed meanwhile; read it again"};
    record(s_.audit, p, now, "role.end." + a->role, "employee", a->employee_id);
    return *a;
}

result<std::vector<special_role_assignment>>
special_role_service::of_person(principal const& p, std::string const& employee_id)
{
    if (!is_uuid(employee_id))
        return not_found("employee");
    directory_service dir{s_.directory, s_.audit, clock_};
    if (auto f = decide(p, action::person_read, p.organisation_id, dir.relation_to(p, employee_id)))
        return *f;
    if (!s_.directory.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    return s_.roles.assignments_of(p.organisation_id, employee_id);
}

result<std::vector<special_role_assignment>>
special_role_service::in_unit(principal const& p, std::string const& unit_id)
{
    if (!is_uuid(unit_id) || !s_.directory.find_unit(p.organisation_id, unit_id))
        return not_found("unit");
    if (!p.has_any(role::hr | role::admin))
    {
        auto const scope = directory_service{s_.directory, s_.audit, clock_}.managed_units(p);
        if (std::find(scope.begin(), scope.end(), unit_id) == scope.end())
            return failure{errc::forbidden, "", "a unit's roles are for its managers, HR and administrators"};
    }
    return s_.roles.open_in_units(p.organisation_id, s_.directory.units_below(p.organisation_id, {unit_id}));
}

int special_role_service::recheck(std::string const& org, std::string const& employee_id)
{
    auto const now = clock_.now();
    auto const day = stockholm_today(now);
    principal const system{"system", org, std::nullopt, static_cast<unsigned>(role::system), std::nullopt};
    std::optional<qualification_facts> facts;
    std::optional<std::vector<special_role_rule>> stored; // read once for all the person's roles
    auto const units = s_.directory.current_units(org, employee_id, day);
    int changed = 0;
    for (auto a : s_.roles.assignments_of(org, employee_id))
    {
        if (a.state == "ended")
            continue;
        if (!facts)
        {
            facts = facts_of(org, employee_id);
            stored = s_.roles.stored_rules(org);
        }
        auto missing = missing_for(pick(*stored, org, a.role), *facts, day);
        // A role belongs to a unit: someone who no longer works there (moved, employment ended) cannot
        // hold it there, and the manager should give it to someone else.
        if (std::find(units.begin(), units.end(), a.unit_id) == units.end())
            missing.push_back("unit");
        auto const state = missing.empty() ? "active" : "at_risk";
        if (state == a.state && missing == a.missing)
            continue;
        bool const lapsed = a.state == "active" && !missing.empty();
        bool const restored = a.state == "at_risk" && missing.empty();
        auto const expected = a.version;
        a.state = state;
        a.missing = std::move(missing);
        if (lapsed)
            a.at_risk_since = now;
        if (restored)
            a.at_risk_since.reset();
        a.version = expected + 1;
        if (!s_.roles.update_assignment(a, expected))
            continue; // changed by someone else in this moment: the next pass sees it
        if (lapsed || restored)
        {
            record(
                s_.audit,
                system,
                now,
                std::string(lapsed ? "role.at_risk." : "role.restored.") + a.role,
                "employee",
                employee_id
            );
            notify(a, lapsed ? "role.at_risk" : "role.qualified_again", now);
            ++changed;
        }
    }
    return changed;
}

int special_role_service::sweep(std::string const& org)
{
    int changed = 0;
    for (auto const& who : s_.roles.holders(org))
        changed += recheck(org, who);
    return changed;
}

} // namespace kompetens::core
