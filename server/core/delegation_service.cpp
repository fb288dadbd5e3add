#include "server/core/delegation_service.hpp"

#include "server/core/calendar.hpp"
#include "server/core/delegation_detail.hpp"
#include "server/core/ids.hpp"
#include "server/core/reminders.hpp"
#include "server/core/training_service.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

namespace kompetens::core {

using delegation_detail::contains;
using delegation_detail::json_detail;

namespace {

/** A step the decision's state does not allow; a revoked decision says so, because a phone that signed
    offline must be able to tell its user that the nurse withdrew it (sync property 23). */
failure not_now(delegation_decision const& d, std::string const& what)
{
    if (d.state == delegation_state::revoked)
        return failure{errc::delegation_revoked, "", "it was revoked: it cannot be " + what};
    return failure{
        errc::invalid_state, "", "it cannot be " + what + ": it is " + std::string(state_name(d.state))};
}

std::string months_before(std::string const& day, int months)
{
    return format_iso_date(add_months(*parse_iso_date(day), -months));
}

} // namespace

std::string delegation_service::today() const
{
    return stockholm_today(clock_.now());
}

std::optional<failure> delegation_service::fresh(signature const& s) const
{
    auto const now = clock_.now();
    if (s.method.empty() || s.signed_at > now || now - s.signed_at > fresh_authentication)
        return failure{errc::reauthentication_required, "/password", "enter your password again to sign"};
    return std::nullopt;
}

bool delegation_service::manages(principal const& p, std::string const& employee_id)
{
    if (!p.has(role::manager) || !p.employee_id)
        return false;
    auto const day = today();
    auto const scope = directory_.units_below(
        p.organisation_id, directory_.current_units(p.organisation_id, *p.employee_id, day)
    );
    for (auto const& u : directory_.current_units(p.organisation_id, employee_id, day))
        if (contains(scope, u))
            return true;
    return false;
}

bool delegation_service::may_read(principal const& p, delegation_decision const& d)
{
    if (p.organisation_id != d.organisation_id)
        return false;
    if (p.has_any(role::admin | role::medical_lead))
        return true;
    if (p.employee_id && (*p.employee_id == d.delegate_id || *p.employee_id == d.delegator_id))
        return true;
    return manages(p, d.delegate_id);
}

place delegation_service::place_of(
    std::string const& org, std::string const& unit_id, std::optional<std::string> patient_ref
)
{
    place where;
    where.patient_ref = std::move(patient_ref);
    std::optional<std::string> at = unit_id;
    while (at && where.unit_and_ancestors.size() < 32) // the tree has no cycles; the bound is belt and braces
    {
        auto u = directory_.find_unit(org, *at);
        if (!u)
            break;
        where.unit_and_ancestors.push_back(u->id);
        at = u->parent_id;
    }
    return where;
}

std::vector<std::string> delegation_service::medical_leads(std::string const& org)
{
    std::vector<std::string> out;
    for (auto const& a : accounts_.accounts_of(org))
        if (!a.disabled && a.employee_id && (a.roles & static_cast<unsigned>(role::medical_lead)))
            out.push_back(*a.employee_id);
    return out;
}

void delegation_service::notify(
    delegation_decision const& d,
    std::string const& kind,
    std::vector<std::string> recipients,
    std::string const& key_suffix
)
{
    std::sort(recipients.begin(), recipients.end());
    recipients.erase(std::unique(recipients.begin(), recipients.end()), recipients.end());
    auto const now = clock_.now();
    for (auto const& r : recipients)
    {
        notification n;
        n.id = new_uuid_v7(now);
        n.organisation_id = d.organisation_id;
        n.recipient_id = r;
        n.kind = kind;
        n.subject_type = "delegation";
        n.subject_id = d.id;
        n.about_employee_id = d.delegate_id;
        n.on = d.valid_to;
        n.dedupe_key = kind + ":" + d.id + (key_suffix.empty() ? "" : ":" + key_suffix);
        n.created_at = now;
        outbox_.insert_if_new(n);
    }
}

result<delegation_task> delegation_service::create_task(principal const& p, delegation_task t)
{
    if (!p.has_any(role::medical_lead | role::admin))
        return failure{
            errc::forbidden, "", "the task catalogue is kept by the medical lead and administrators"};
    if (auto f = validate(t))
        return *f;
    for (std::size_t i = 0; i < t.prerequisite_courses.size(); ++i)
        if (!training_.find_course(p.organisation_id, t.prerequisite_courses[i].course_id))
            return invalid(
                "/prerequisite_courses/" + std::to_string(i) + "/course_id",
                "no such course in this organisation"
            );
    for (std::size_t i = 0; i < t.prerequisite_tasks.size(); ++i)
        if (!store_.find_task(p.organisation_id, t.prerequisite_tasks[i]))
            return invalid("/prerequisite_tasks/" + std::to_string(i), "no such task in this organisation");
    auto const now = clock_.now();
    t.id = new_uuid_v7(now);
    t.organisation_id = p.organisation_id;
    t.created_at = now;
    t.active = true;
    if (!store_.insert_task(t))
        return failure{errc::conflict, "/code", "a task with this code exists"};
    record(audit_, p, now, "delegation_task.create", "delegation_task", t.id);
    return t;
}

result<std::vector<delegation_task>> delegation_service::list_tasks(principal const& p)
{
    return store_.list_tasks(p.organisation_id);
}

result<delegation_decision> delegation_service::create_draft(principal const& p, delegation_decision d)
{
    if (!p.has(role::delegator) || !p.employee_id)
        return failure{errc::not_a_delegator, "", "only a licensed delegator can draft a delegation"};
    auto const day = today();
    d.delegator_id = *p.employee_id;
    if (d.single_occasion)
        d.valid_to = d.valid_from;
    if (auto f = validate(d, day))
        return *f;
    if (!directory_.find_employee(p.organisation_id, d.delegate_id))
        return invalid("/delegate_id", "no such employee in this organisation");

    // The delegator's authority is their own legitimation, in a profession allowed for every task: never
    // a delegation (no re-delegation).
    std::vector<delegation_task> tasks;
    for (std::size_t i = 0; i < d.task_ids.size(); ++i)
    {
        auto t = store_.find_task(p.organisation_id, d.task_ids[i]);
        if (!t || !t->active)
            return invalid("/task_ids/" + std::to_string(i), "no such active task in this organisation");
        if (!contains(t->allowed_scopes, d.scope_kind))
            return invalid("/scope_kind", "task " + t->code + " cannot be delegated with this scope");
        if (d.valid_to > last_allowed_day(d.valid_from, t->max_validity_months))
            return invalid(
                "/valid_to",
                "task " + t->code + " is delegated for at most " + std::to_string(t->max_validity_months) +
                    " months"
            );
        tasks.push_back(*t);
    }
    std::optional<legitimation> held;
    for (auto const& l : directory_.legitimations_of(p.organisation_id, d.delegator_id))
        if (std::all_of(tasks.begin(), tasks.end(), [&](auto const& t) {
                return contains(t.delegator_professions, l.profession);
            }))
            held = l;
    if (!held)
        return failure{
            errc::not_a_delegator,
            "/task_ids",
            "you hold no legitimation in a profession allowed for every task"};
    d.delegator_profession = held->profession;
    d.legitimation_id = held->id;

    // Personal and local: the recipient works in the scope (a substitute never inherits).
    auto const theirs = directory_.current_units(p.organisation_id, d.delegate_id, day);
    for (std::size_t i = 0; i < d.unit_ids.size(); ++i)
    {
        auto const& u = d.unit_ids[i];
        if (!directory_.find_unit(p.organisation_id, u))
            return invalid("/unit_ids/" + std::to_string(i), "no such unit in this organisation");
        bool const works_there =
            d.scope_kind == "area"
                ? std::any_of(
                      theirs.begin(),
                      theirs.end(),
                      [&](auto const& t) {
                          return contains(place_of(p.organisation_id, t, std::nullopt).unit_and_ancestors, u);
                      }
                  )
                : contains(theirs, u);
        if (!works_there)
            return invalid(
                "/unit_ids/" + std::to_string(i), "the recipient has no current employment in this unit"
            );
    }
    if (d.renews_id)
    {
        auto old = store_.find_decision(p.organisation_id, *d.renews_id);
        if (!old || old->delegate_id != d.delegate_id)
            return invalid("/renews_id", "no such decision for this recipient");
        // A renewal continues a valid delegation; a lapsed one is handled as a new delegation.
        if (old->state != delegation_state::active || !allowed_interval(*old).contains(clock_.now()))
            return failure{errc::invalid_state, "/renews_id", "only an active delegation can be renewed"};
    }
    auto const now = clock_.now();
    d.id = new_uuid_v7(now);
    d.organisation_id = p.organisation_id;
    d.state = delegation_state::draft;
    d.prerequisite_snapshot = "[]";
    d.delegator_signature.reset();
    d.delegate_signature.reset();
    d.self_assessment_confirmed = false;
    d.activated_at.reset();
    d.ended_at.reset();
    d.ended_by.reset();
    d.end_reason.clear();
    d.at_risk = false;
    d.created_at = now;
    d.version = 1;
    store_.insert_decision(d);
    store_.append_event(delegation_event{
        new_uuid_v7(now), d.organisation_id, d.id, "created", p.account_id, now, "draft", "{}"});
    record(audit_, p, now, "delegation.create", "delegation", d.id);
    return d;
}

result<std::string> delegation_service::check_prerequisites(delegation_decision const& d)
{
    auto const day = today();
    auto const org = d.organisation_id;
    boost::json::array evidence;
    auto const records = training_.records_of(org, d.delegate_id);
    auto const held = store_.decisions_of_delegate(org, d.delegate_id);
    auto const jobs = directory_.employments_of(org, d.delegate_id);
    for (std::size_t i = 0; i < d.task_ids.size(); ++i)
    {
        auto const field = "/task_ids/" + std::to_string(i);
        auto const t = store_.find_task(org, d.task_ids[i]);
        if (!t)
            return invalid(field, "no such task");
        for (auto const& pre : t->prerequisite_courses)
        {
            std::optional<training_record> best;
            for (auto const& r : records)
                if (r.course_id == pre.course_id && r.attested &&
                    (!best || r.completed_on > best->completed_on))
                    best = r;
            bool const ok =
                best && (!best->valid_until || *best->valid_until >= day) &&
                (!pre.max_age_months || best->completed_on >= months_before(day, *pre.max_age_months));
            if (!ok)
            {
                auto c = training_.find_course(org, pre.course_id);
                return failure{
                    errc::prerequisite_missing,
                    field,
                    "task " + t->code + " needs a valid, attested " + (c ? c->code : "course") +
                        (pre.max_age_months
                             ? " completed within " + std::to_string(*pre.max_age_months) + " months"
                             : "")};
            }
            evidence.push_back(boost::json::object{
                {"task_id", t->id},
                {"kind", "course"},
                {"course_id", pre.course_id},
                {"record_id", best->id},
                {"completed_on", best->completed_on},
                {"valid_until",
                 best->valid_until ? boost::json::value(*best->valid_until) : boost::json::value(nullptr)}});
        }
        for (auto const& needed : t->prerequisite_tasks)
        {
            auto const now = clock_.now();
            auto it = std::find_if(held.begin(), held.end(), [&](auto const& h) {
                return h.id != d.id && h.state == delegation_state::active && contains(h.task_ids, needed) &&
                       allowed_interval(h).contains(now);
            });
            if (it == held.end())
            {
                auto nt = store_.find_task(org, needed);
                return failure{
                    errc::prerequisite_missing,
                    field,
                    "task " + t->code + " needs an active delegation of " + (nt ? nt->code : "another task")};
            }
            evidence.push_back(boost::json::object{
                {"task_id", t->id},
                {"kind", "delegation"},
                {"decision_id", it->id},
                {"valid_to", it->valid_to}});
        }
        if (t->min_days_in_unit > 0)
        {
            auto const latest_start = format_iso_date(std::chrono::year_month_day{
                std::chrono::sys_days{*parse_iso_date(day)} - std::chrono::days{t->min_days_in_unit}});
            for (auto const& u : d.unit_ids)
            {
                std::optional<std::string> since;
                for (auto const& e : jobs)
                    if (current_on(e, day) && contains(e.unit_ids, u) && (!since || e.start_date < *since))
                        since = e.start_date;
                if (!since || *since > latest_start)
                    return failure{
                        errc::prerequisite_missing,
                        field,
                        "task " + t->code + " needs at least " + std::to_string(t->min_days_in_unit) +
                            " days in the unit"};
                evidence.push_back(boost::json::object{
                    {"task_id", t->id}, {"kind", "days_in_unit"}, {"unit_id", u}, {"since", *since}});
            }
        }
        if (t->min_language_level)
            // Fail-safe until language assessments are recorded in Kompetens: a requirement that cannot be
            // verified is not met.
            return failure{
                errc::prerequisite_missing,
                field,
                "task " + t->code + " needs Swedish at " + *t->min_language_level +
                    ", which has no recorded assessment"};
    }
    return boost::json::serialize(evidence);
}

result<delegation_decision> delegation_service::load(principal const& p, std::string const& id)
{
    auto d = is_uuid(id) ? store_.find_decision(p.organisation_id, id) : std::nullopt;
    if (!d || !may_read(p, *d))
        return not_found("delegation");
    return *d;
}

result<delegation_decision> delegation_service::save(
    principal const& p, delegation_decision d, int expected, std::string kind, std::string detail
)
{
    auto const now = clock_.now();
    d.version = expected + 1;
    if (!store_.update_decision(d, expected))
        return failure{errc::conflict, "", "the delegation changed meanwhile; reload it"};
    // What a person holds can put training on them (a rule scoped to a delegation task): recompute.
    if (d.state == delegation_state::active || is_terminal(d.state))
        training_service{directory_, training_, audit_, outbox_, clock_}.recompute_person(
            d.organisation_id, d.delegate_id
        );
    store_.append_event(delegation_event{
        new_uuid_v7(now),
        d.organisation_id,
        d.id,
        kind,
        p.account_id,
        now,
        std::string(state_name(d.state)),
        std::move(detail)});
    record(audit_, p, now, "delegation." + kind, "delegation", d.id);
    return d;
}

result<delegation_decision>
delegation_service::issue(principal const& p, std::string const& id, signature sig)
{
    auto d = load(p, id);
    if (!d)
        return d.error();
    if (!p.employee_id || *p.employee_id != d->delegator_id)
        return failure{errc::forbidden, "", "only the delegator who drafted it can issue it"};
    if (d->state != delegation_state::draft)
        return not_now(*d, "issued");
    if (auto f = fresh(sig))
        return *f;
    if (d->valid_from < today())
        return invalid("/valid_from", "has passed; make a new draft");
    auto snapshot = check_prerequisites(*d);
    if (!snapshot)
        return snapshot.error();
    int const expected = d->version;
    d->prerequisite_snapshot = *snapshot;
    d->delegator_signature = sig;
    d->delegator_unit_ids = directory_.current_units(p.organisation_id, d->delegator_id, today());
    d->state = delegation_state::awaiting_signatures;
    auto saved = save(p, *d, expected, "issued", json_detail({{"method", sig.method}}));
    if (saved)
        notify(*saved, "delegation.awaiting_signature", {saved->delegate_id});
    return saved;
}

result<delegation_decision>
delegation_service::sign(principal const& p, std::string const& id, bool confirmed, signature sig)
{
    auto d = load(p, id);
    if (!d)
        return d.error();
    if (!p.employee_id || *p.employee_id != d->delegate_id)
        return failure{errc::forbidden, "", "only the recipient signs as recipient"};
    if (d->state != delegation_state::awaiting_signatures)
        return not_now(*d, "signed");
    if (!confirmed)
        return invalid(
            "/self_assessment_confirmed",
            "you must confirm that you have the knowledge the tasks need; otherwise decline"
        );
    if (auto f = fresh(sig))
        return *f;
    auto snapshot = check_prerequisites(*d); // still true now, not only when the delegator signed
    if (!snapshot)
        return snapshot.error();
    auto const now = clock_.now();
    int const expected = d->version;
    d->prerequisite_snapshot = *snapshot;
    d->delegate_signature = sig;
    d->self_assessment_confirmed = true;
    d->activated_at = now;
    d->state = delegation_state::active;
    auto saved = save(p, *d, expected, "activated", json_detail({{"method", sig.method}}));
    if (!saved)
        return saved;
    if (d->renews_id)
        if (auto old = store_.find_decision(p.organisation_id, *d->renews_id);
            old && old->state == delegation_state::active)
        {
            int const old_expected = old->version;
            old->state = delegation_state::superseded;
            // The old one counts until the renewal starts, so there is no gap and no overlap.
            old->ended_at = std::max<millis>(now, stockholm_day_start(*parse_iso_date(d->valid_from)));
            old->end_reason = "renewed by " + d->id;
            old->ended_by = p.account_id;
            if (auto s = save(p, *old, old_expected, "superseded", json_detail({{"by", d->id}})); !s)
                return s.error();
        }
    auto recipients = directory_.managers_of(p.organisation_id, d->delegate_id, today());
    auto leads = medical_leads(p.organisation_id);
    recipients.insert(recipients.end(), leads.begin(), leads.end());
    recipients.push_back(d->delegator_id);
    notify(*saved, "delegation.activated", recipients);
    return saved;
}

result<delegation_decision>
delegation_service::reject(principal const& p, std::string const& id, std::string const& reason)
{
    auto d = load(p, id);
    if (!d)
        return d.error();
    if (!p.employee_id || *p.employee_id != d->delegate_id)
        return failure{errc::forbidden, "", "only the recipient can decline"};
    if (d->state != delegation_state::awaiting_signatures)
        return not_now(*d, "declined");
    if (reason.size() > 500)
        return invalid("/reason", "is longer than 500 bytes");
    int const expected = d->version;
    d->state = delegation_state::rejected;
    d->ended_at = clock_.now();
    d->end_reason = reason;
    d->ended_by = p.account_id;
    auto saved = save(p, *d, expected, "rejected", "{}");
    if (saved)
        notify(*saved, "delegation.rejected", {saved->delegator_id});
    return saved;
}

result<delegation_decision>
delegation_service::return_to_delegator(principal const& p, std::string const& id, std::string const& reason)
{
    auto d = load(p, id);
    if (!d)
        return d.error();
    if (!p.employee_id || *p.employee_id != d->delegate_id)
        return failure{errc::forbidden, "", "only the recipient can return it"};
    if (d->state != delegation_state::awaiting_signatures)
        return not_now(*d, "returned");
    if (reason.size() > 500)
        return invalid("/reason", "is longer than 500 bytes");
    int const expected = d->version;
    d->state = delegation_state::draft;
    d->delegator_signature.reset();
    d->prerequisite_snapshot = "[]";
    auto saved = save(p, *d, expected, "returned", "{}");
    if (saved)
        notify(*saved, "delegation.returned", {saved->delegator_id}, std::to_string(saved->version));
    return saved;
}

result<delegation_decision> delegation_service::revoke(
    principal const& p, std::string const& id, std::string const& reason, signature sig
)
{
    auto d = load(p, id);
    if (!d)
        return d.error();
    bool const issuer = p.employee_id && *p.employee_id == d->delegator_id;
    if (!issuer && !p.has(role::medical_lead))
        return failure{errc::forbidden, "", "only the delegator or the medical lead can revoke"};
    if (d->state == delegation_state::revoked)
        return *d; // already revoked: harmless, and nothing new to record
    if (is_terminal(d->state))
        return failure{
            errc::invalid_state, "", "it has already ended: it is " + std::string(state_name(d->state))};
    if (reason.empty() || reason.size() > 500)
        return invalid("/reason", "a revocation needs a reason of 1-500 bytes");
    if (auto f = fresh(sig))
        return *f;
    int const expected = d->version;
    d->state = delegation_state::revoked;
    d->ended_at = clock_.now();
    d->end_reason = reason;
    d->ended_by = p.account_id;
    auto saved = save(p, *d, expected, "revoked", json_detail({{"method", sig.method}}));
    if (!saved)
        return saved;
    auto recipients = directory_.managers_of(p.organisation_id, d->delegate_id, today());
    auto leads = medical_leads(p.organisation_id);
    recipients.insert(recipients.end(), leads.begin(), leads.end());
    recipients.push_back(d->delegate_id);
    recipients.push_back(d->delegator_id);
    notify(*saved, "delegation.revoked", recipients);
    return saved;
}

result<delegation_follow_up>
delegation_service::follow_up(principal const& p, std::string const& id, delegation_follow_up f)
{
    auto d = load(p, id);
    if (!d)
        return d.error();
    if (!(p.employee_id && *p.employee_id == d->delegator_id) && !p.has(role::medical_lead))
        return failure{errc::forbidden, "", "the delegator (or the medical lead) follows up"};
    if (d->state != delegation_state::active)
        return not_now(*d, "followed up");
    if (f.outcome != "continue" && f.outcome != "retrain" && f.outcome != "revoke")
        return invalid("/outcome", "must be continue, retrain or revoke");
    if (f.observation != "performed_as_instructed" && f.observation != "needs_support" &&
        f.observation != "deviation_reported")
        return invalid(
            "/observation", "must be performed_as_instructed, needs_support or deviation_reported"
        );
    if (f.next_due && !parse_iso_date(*f.next_due))
        return invalid("/next_due", "must be a date YYYY-MM-DD");
    auto const now = clock_.now();
    f.id = new_uuid_v7(now);
    f.organisation_id = p.organisation_id;
    f.decision_id = d->id;
    f.by = p.account_id;
    f.on = today();
    f.created_at = now;
    store_.insert_follow_up(f);
    store_.append_event(delegation_event{
        new_uuid_v7(now),
        d->organisation_id,
        d->id,
        "follow_up",
        p.account_id,
        now,
        std::string(state_name(d->state)),
        json_detail({{"outcome", f.outcome}, {"observation", f.observation}})});
    record(audit_, p, now, "delegation.follow_up", "delegation", d->id);
    return f;
}

} // namespace kompetens::core
