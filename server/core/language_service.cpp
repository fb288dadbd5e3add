#include "server/core/language_service.hpp"

#include "server/core/access_policy.hpp"
#include "server/core/calendar.hpp"
#include "server/core/directory_service.hpp"
#include "server/core/ids.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kompetens::core {

namespace {

std::vector<std::string> const all_skills{"listening", "reading", "speaking", "writing", "overall"};

void notify(
    notification_store& outbox,
    std::string const& org,
    std::string const& recipient,
    std::string const& kind,
    std::string const& plan_id,
    std::string const& about,
    millis now
)
{
    notification n;
    n.id = new_uuid_v7(now);
    n.organisation_id = org;
    n.recipient_id = recipient;
    n.kind = kind;
    n.subject_type = "language_plan";
    n.subject_id = plan_id;
    n.about_employee_id = about;
    n.dedupe_key = kind + ":" + plan_id;
    n.created_at = now;
    outbox.insert_if_new(n);
}

} // namespace

std::optional<failure> language_service::may(principal const& p, bool write, std::string const& employee_id)
{
    if (!is_uuid(employee_id))
        return not_found("employee");
    auto const rel = directory_service{directory_, audit_, clock_}.relation_to(p, employee_id);
    if (auto f = decide(p, write ? action::language_write : action::language_read, p.organisation_id, rel))
        return f;
    if (!directory_.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    return std::nullopt;
}

bool language_service::supports(language_plan const& plan, principal const& p) const
{
    return p.employee_id && std::any_of(plan.supports.begin(), plan.supports.end(), [&](auto const& s) {
               return s.person_id == p.employee_id;
           });
}

std::vector<language_rule>
language_service::required_today(std::string const& org, std::string const& employee_id)
{
    auto const day = stockholm_today(clock_.now());
    auto const reqs = store_.requirements(org);
    std::map<std::string, language_rule> highest;
    for (auto const& job : directory_.employments_of(org, employee_id))
        if (current_on(job, day))
            for (auto const& r : required_of(reqs, job.profession))
            {
                auto& h = highest[r.skill];
                if (cefr_rank(r.level) > cefr_rank(h.level))
                    h = r;
            }
    std::vector<language_rule> out;
    for (auto& [skill, r] : highest)
        out.push_back(std::move(r));
    return out;
}

result<language_profile> language_service::profile(principal const& p, std::string const& employee_id)
{
    if (auto f = may(p, false, employee_id))
        return *f;
    language_profile v;
    v.employee_id = employee_id;
    v.assessments = store_.assessments_of(p.organisation_id, employee_id);
    for (auto const& skill : all_skills)
    {
        // Only skills assessed in their own right; an overall level stands in for the others in gaps.
        bool const assessed = std::any_of(v.assessments.begin(), v.assessments.end(), [&](auto const& a) {
            return a.skill == skill && a.language == "sv";
        });
        if (assessed)
            v.current.push_back({"", skill, *current_level(v.assessments, skill)});
    }
    v.required = required_today(p.organisation_id, employee_id);
    v.gaps = unmet(v.required, v.assessments);
    v.plans = store_.plans_of(p.organisation_id, employee_id);
    bool const active =
        std::any_of(v.plans.begin(), v.plans.end(), [](auto const& x) { return x.state == "active"; });
    bool const reached = !v.plans.empty() && v.plans.front().state == "target_reached";
    v.state = active                  ? "plan_active"
              : reached               ? "target_reached"
              : v.assessments.empty() ? "not_assessed"
                                      : "assessed";
    if (p.employee_id != employee_id)
        record(audit_, p, clock_.now(), "language.read", "employee", employee_id);
    return v;
}

result<language_assessment> language_service::record_assessment(principal const& p, language_assessment a)
{
    if (auto f = may(p, true, a.employee_id))
        return *f;
    auto const now = clock_.now();
    auto const day = stockholm_today(now);
    if (!a.assessor_id && !a.assessor_external)
        a.assessor_id = p.employee_id; // the manager who assessed at work
    if (auto f = validate(a, day))
        return *f;
    if (a.assessor_id && !directory_.find_employee(p.organisation_id, *a.assessor_id))
        return invalid("/assessor_id", "no such employee");
    if (a.assessor_id == a.employee_id)
        return invalid("/assessor_id", "nobody assesses their own language");
    a.id = new_uuid_v7(now);
    a.organisation_id = p.organisation_id;
    a.recorded_at = now;
    a.recorded_by = p.account_id;
    store_.insert_assessment(a);
    record(audit_, p, now, "language.assess", "employee", a.employee_id);

    // A plan whose every target is now met has reached its target.
    auto history = store_.assessments_of(p.organisation_id, a.employee_id);
    for (auto plan : store_.plans_of(p.organisation_id, a.employee_id))
        if (plan.state == "active" && unmet(plan.targets, history).empty())
        {
            auto const expected = plan.version;
            plan.state = "target_reached";
            plan.next_follow_up_on.reset();
            plan.version = expected + 1;
            if (!store_.update_plan(plan, expected))
                return failure{errc::conflict, "", "the plan changed meanwhile; try again"};
            record(audit_, p, now, "language.plan_target_reached", "language_plan", plan.id);
            notify(
                notifications_,
                p.organisation_id,
                a.employee_id,
                "language.target_reached",
                plan.id,
                a.employee_id,
                now
            );
        }
    return a;
}

result<language_requirements> language_service::requirements(principal const& p)
{
    if (auto f = decide(p, action::unit_read, p.organisation_id))
        return *f; // the organisation's policy is no secret to its own people
    return store_.requirements(p.organisation_id);
}

result<language_requirements>
language_service::set_requirements(principal const& p, language_requirements r, int expected_version)
{
    if (auto f = decide(p, action::language_policy, p.organisation_id))
        return *f;
    if (auto f = validate(r))
        return *f;
    auto const current = store_.requirements(p.organisation_id);
    if (current.version != expected_version)
        return failure{errc::conflict, "", "the requirements changed since they were read; read them again"};
    r.organisation_id = p.organisation_id;
    r.updated_at = clock_.now();
    r.updated_by = p.account_id;
    r.version = current.version + 1;
    if (!store_.save_requirements(r, expected_version))
        return failure{errc::conflict, "", "the requirements changed since they were read; read them again"};
    record(audit_, p, r.updated_at, "language.requirements", "organisation", p.organisation_id);
    return r;
}

result<std::vector<language_gap>> language_service::unit_gaps(principal const& p, std::string const& unit_id)
{
    if (!is_uuid(unit_id) || !directory_.find_unit(p.organisation_id, unit_id))
        return not_found("unit");
    directory_service dir{directory_, audit_, clock_};
    if (auto f = decide(p, action::language_read, p.organisation_id, relation::other))
    {
        auto const scope = dir.managed_units(p);
        if (!p.has(role::manager) || std::find(scope.begin(), scope.end(), unit_id) == scope.end())
            return *f;
    }
    auto const day = stockholm_today(clock_.now());
    auto const reqs = store_.requirements(p.organisation_id);
    std::vector<language_gap> rows;
    std::set<std::string> seen;
    for (auto const& u : directory_.units_below(p.organisation_id, {unit_id}))
        for (auto const& e : dir.employed_in(p.organisation_id, u, day))
        {
            if (!seen.insert(e.id).second)
                continue;
            auto const history = store_.assessments_of(p.organisation_id, e.id);
            auto const plans = store_.plans_of(p.organisation_id, e.id);
            bool const active =
                std::any_of(plans.begin(), plans.end(), [](auto const& x) { return x.state == "active"; });
            for (auto const& job : directory_.employments_of(p.organisation_id, e.id))
                if (current_on(job, day))
                    for (auto const& miss : unmet(required_of(reqs, job.profession), history))
                        rows.push_back(
                            {e.id,
                             job.profession,
                             miss.skill,
                             miss.level,
                             current_level(history, miss.skill),
                             active}
                        );
        }
    record(audit_, p, clock_.now(), "language.gaps", "unit", unit_id);
    return rows;
}

result<language_plan> language_service::create_plan(principal const& p, language_plan plan)
{
    if (auto f = may(p, true, plan.employee_id))
        return *f;
    auto const now = clock_.now();
    if (auto f = validate(plan, stockholm_today(now)))
        return *f;
    for (std::size_t i = 0; i < plan.supports.size(); ++i)
        if (auto const& who = plan.supports[i].person_id;
            who && !directory_.find_employee(p.organisation_id, *who))
            return invalid("/supports/" + std::to_string(i) + "/person_id", "no such employee");
    for (auto const& other : store_.plans_of(p.organisation_id, plan.employee_id))
        if (other.state == "active")
            return failure{
                errc::conflict, "", "the person has an active plan: follow it up or close it first"};
    plan.id = new_uuid_v7(now);
    plan.organisation_id = p.organisation_id;
    plan.state = "active";
    plan.follow_ups.clear();
    plan.created_at = now;
    plan.created_by = p.account_id;
    plan.version = 1;
    store_.insert_plan(plan);
    record(audit_, p, now, "language.plan_create", "language_plan", plan.id);
    notify(
        notifications_,
        p.organisation_id,
        plan.employee_id,
        "language.plan_created",
        plan.id,
        plan.employee_id,
        now
    );
    for (auto const& s : plan.supports)
        if (s.person_id)
            notify(
                notifications_,
                p.organisation_id,
                *s.person_id,
                "language.plan_support",
                plan.id,
                plan.employee_id,
                now
            );
    return plan;
}

result<language_plan> language_service::record_follow_up(principal const& p, language_follow_up f)
{
    auto plan = is_uuid(f.plan_id) ? store_.find_plan(p.organisation_id, f.plan_id) : std::nullopt;
    if (!plan)
        return not_found("language plan");
    // The ambassador or mentor named in the plan follows it up too; they see the plan, not assessments.
    if (!supports(*plan, p))
        if (auto no = may(p, true, plan->employee_id))
            return *no;
    for (auto const& done : plan->follow_ups)
        if (done.id == f.id)
            return *plan; // the same follow-up sent again
    if (plan->state != "active")
        return failure{errc::invalid_state, "", "the plan is " + plan->state + ": nothing to follow up"};
    auto const now = clock_.now();
    if (auto bad = validate(f, stockholm_today(now)))
        return *bad;
    if (f.outcome == "target_reached" &&
        !unmet(plan->targets, store_.assessments_of(p.organisation_id, plan->employee_id)).empty())
        return failure{
            errc::invalid_state, "/outcome", "no assessment shows the target levels: record one first"};
    f.recorded_at = now;
    f.recorded_by = p.account_id;
    if (!store_.insert_follow_up(p.organisation_id, f))
        return *store_.find_plan(p.organisation_id, f.plan_id);
    auto const expected = plan->version;
    plan->state = f.outcome == "target_reached" ? "target_reached" : "active";
    plan->next_follow_up_on = f.next_follow_up_on;
    plan->version = expected + 1;
    if (!store_.update_plan(*plan, expected))
        return failure{errc::conflict, "", "the plan changed meanwhile; try again"};
    plan->follow_ups.push_back(f);
    record(audit_, p, now, "language.follow_up", "language_plan", plan->id);
    return *plan;
}

result<std::vector<language_plan>> language_service::plans_i_support(principal const& p)
{
    if (!p.employee_id)
        return std::vector<language_plan>{};
    return store_.plans_supported_by(p.organisation_id, *p.employee_id);
}

} // namespace kompetens::core
