#include "server/core/directory_service.hpp"

#include "server/core/calendar.hpp"
#include "server/core/ids.hpp"
#include "server/core/title.hpp"

#include <algorithm>
#include <chrono>
#include <set>

namespace kompetens::core {

namespace {

std::optional<failure> check_page(page_request const& pr)
{
    if (pr.limit < 1 || pr.limit > page_request::max_limit)
        return invalid("limit", "must be between 1 and 500");
    if (pr.after && !is_uuid(*pr.after))
        return invalid("after", "is not a cursor from this API");
    return std::nullopt;
}

} // namespace

void directory_service::note(principal const& p, std::string action, std::string type, std::string id)
{
    record(audit_, p, clock_.now(), std::move(action), std::move(type), std::move(id));
}

std::vector<std::string> directory_service::managed_units(principal const& p)
{
    if (!p.has(role::manager) || !p.employee_id)
        return {};
    auto const today = stockholm_today(clock_.now());
    return store_.units_below(
        p.organisation_id, store_.current_units(p.organisation_id, *p.employee_id, today)
    );
}

relation directory_service::relation_to(principal const& p, std::string const& employee_id)
{
    if (p.employee_id == employee_id)
        return relation::self;
    auto const scope = managed_units(p);
    if (scope.empty())
        return relation::other;
    auto const theirs = store_.current_units(p.organisation_id, employee_id, stockholm_today(clock_.now()));
    for (auto const& u : theirs)
        if (std::find(scope.begin(), scope.end(), u) != scope.end())
            return relation::managed;
    return relation::other;
}

std::vector<employee>
directory_service::employed_in(std::string const& org, std::string const& unit_id, std::string const& day)
{
    employee_filter f;
    f.unit_id = unit_id;
    f.active_on = day;
    page_request pr;
    pr.limit = page_request::max_limit;
    std::vector<employee> out;
    for (;;)
    {
        auto pg = store_.list_employees(org, f, pr);
        for (auto& e : pg.items)
            out.push_back(std::move(e));
        if (!pg.next)
            return out;
        pr.after = pg.next;
    }
}

result<organisation> directory_service::create_organisation(principal const& p, organisation draft)
{
    if (auto f = decide(p, action::organisation_create, ""))
        return *f;
    if (draft.time_zone.empty())
        draft.time_zone = "Europe/Stockholm";
    if (auto f = validate(draft))
        return *f;
    draft.created_at = clock_.now();
    draft.id = new_uuid_v7(draft.created_at);
    draft.version = 1;
    store_.insert_organisation(draft);
    principal in_new{p.account_id, draft.id, std::nullopt, p.roles, p.device_id};
    note(in_new, "organisation.create", "organisation", draft.id);
    return draft;
}

result<organisation> directory_service::get_organisation(principal const& p, std::string const& id)
{
    if (auto f = decide(p, action::organisation_read, id))
        return *f;
    auto o = is_uuid(id) ? store_.find_organisation(id) : std::nullopt;
    if (!o)
        return not_found("organisation");
    return *o;
}

result<page<organisation>> directory_service::list_organisations(principal const& p, page_request const& pr)
{
    if (auto f = check_page(pr))
        return *f;
    // Everyone but the operator sees exactly their own employer.
    std::optional<std::string> only;
    if (!p.has(role::system))
        only = p.organisation_id;
    return store_.list_organisations(only, pr);
}

result<unit> directory_service::create_unit(principal const& p, unit draft)
{
    if (auto f = decide(p, action::directory_write, p.organisation_id))
        return *f;
    draft.organisation_id = p.organisation_id;
    draft.created_at = clock_.now();
    draft.id = new_uuid_v7(draft.created_at);
    draft.version = 1;
    if (auto f = validate(draft))
        return *f;
    if (draft.parent_id &&
        (!is_uuid(*draft.parent_id) || !store_.find_unit(p.organisation_id, *draft.parent_id)))
        return failure{errc::validation_failed, "/parent_id", "no such unit in this organisation"};
    store_.insert_unit(draft);
    note(p, "unit.create", "unit", draft.id);
    return draft;
}

result<unit> directory_service::get_unit(principal const& p, std::string const& id)
{
    if (auto f = decide(p, action::unit_read, p.organisation_id))
        return *f;
    auto u = is_uuid(id) ? store_.find_unit(p.organisation_id, id) : std::nullopt;
    if (!u)
        return not_found("unit");
    return *u;
}

result<page<unit>>
directory_service::list_units(principal const& p, unit_filter const& f, page_request const& pr)
{
    if (auto d = decide(p, action::unit_read, p.organisation_id))
        return *d;
    if (auto e = check_page(pr))
        return *e;
    if (f.kind && !is_unit_kind(*f.kind))
        return invalid("kind", "is not a unit kind");
    if (f.parent_id && !is_uuid(*f.parent_id))
        return invalid("parent_id", "is not a unit id");
    return store_.list_units(p.organisation_id, f, pr);
}

result<unit> directory_service::update_unit(
    principal const& p, std::string const& id, unit_patch const& patch, int expected
)
{
    if (auto f = decide(p, action::directory_write, p.organisation_id))
        return *f;
    auto current = is_uuid(id) ? store_.find_unit(p.organisation_id, id) : std::nullopt;
    if (!current)
        return not_found("unit");
    unit next = *current;
    if (patch.name)
        next.name = *patch.name;
    if (patch.kind)
        next.kind = *patch.kind;
    if (patch.parent_id)
        next.parent_id = *patch.parent_id;
    if (auto f = validate(next))
        return *f;
    if (next.parent_id && next.parent_id != current->parent_id)
    {
        // Walk up from the new parent: meeting this unit on the way means the move would make a cycle.
        std::set<std::string> seen;
        std::optional<std::string> at = next.parent_id;
        while (at)
        {
            if (*at == id)
                return failure{errc::unit_cycle, "/parent_id", "the new parent lies below this unit"};
            if (!seen.insert(*at).second)
                break; // defensive: the stored tree is already broken; do not loop forever
            auto up = is_uuid(*at) ? store_.find_unit(p.organisation_id, *at) : std::nullopt;
            if (!up)
                return failure{errc::validation_failed, "/parent_id", "no such unit in this organisation"};
            at = up->parent_id;
        }
    }
    if (current->version != expected)
        return failure{errc::version_mismatch, "", "the unit was changed by someone else; reload it"};
    next.version = current->version + 1;
    if (!store_.update_unit(next, expected))
        return failure{errc::version_mismatch, "", "the unit was changed by someone else; reload it"};
    note(p, "unit.update", "unit", next.id);
    return next;
}

void directory_service::redact(principal const& p, relation r, employee& e) const
{
    if (decide(p, action::person_read_restricted, e.organisation_id, r))
        e.birth_date.reset();
    e.may_use_title = may_use_title(e.title_status, e.title_transitional, stockholm_today(clock_.now()));
}

result<employee> directory_service::create_employee(principal const& p, employee draft)
{
    if (auto f = decide(p, action::directory_write, p.organisation_id))
        return *f;
    draft.organisation_id = p.organisation_id;
    draft.created_at = clock_.now();
    draft.id = new_uuid_v7(draft.created_at);
    draft.version = 1;
    if (auto f = validate(draft))
        return *f;
    store_.insert_employee(draft);
    note(p, "employee.create", "employee", draft.id);
    redact(p, relation::other, draft);
    return draft;
}

result<employee> directory_service::get_employee(principal const& p, std::string const& id)
{
    auto e = is_uuid(id) ? store_.find_employee(p.organisation_id, id) : std::nullopt;
    if (!e)
        return not_found("employee");
    auto const r = relation_to(p, id);
    if (auto f = decide(p, action::person_read, p.organisation_id, r))
        return *f;
    if (r != relation::self)
        note(p, "employee.read", "employee", id);
    redact(p, r, *e);
    return *e;
}

result<page<employee>>
directory_service::list_employees(principal const& p, employee_filter f, page_request const& pr)
{
    if (auto d = decide(p, action::directory_read, p.organisation_id))
    {
        // A manager lists the people of one of their own units at a time.
        auto const scope = managed_units(p);
        bool const own_unit = f.unit_id && std::find(scope.begin(), scope.end(), *f.unit_id) != scope.end();
        if (!own_unit)
            return scope.empty() ? *d
                                 : failure{errc::forbidden, "unit_id", "name one of the units you manage"};
    }
    if (auto e = check_page(pr))
        return *e;
    if (f.unit_id && !is_uuid(*f.unit_id))
        return invalid("unit_id", "is not a unit id");
    if (f.profession && !is_profession(*f.profession))
        return invalid("profession", "is not a known profession code");
    if (f.active_on && !parse_iso_date(*f.active_on))
        return invalid("active_on", "must be a date YYYY-MM-DD");
    if ((f.unit_id || f.profession) && !f.active_on)
        f.active_on = stockholm_today(clock_.now());
    auto pg = store_.list_employees(p.organisation_id, f, pr);
    for (auto& e : pg.items)
        redact(p, e.id == p.employee_id ? relation::self : relation::other, e);
    note(p, "employee.list", f.unit_id ? "unit" : "organisation", f.unit_id.value_or(p.organisation_id));
    return pg;
}

std::optional<failure> directory_service::check_units(principal const& p, employment const& e)
{
    for (std::size_t i = 0; i < e.unit_ids.size(); ++i)
    {
        auto const& uid = e.unit_ids[i];
        if (!is_uuid(uid) || !store_.find_unit(p.organisation_id, uid))
            return failure{
                errc::validation_failed,
                "/unit_ids/" + std::to_string(i),
                "no such unit in this organisation"};
    }
    return std::nullopt;
}

result<employment> directory_service::create_employment(principal const& p, employment draft)
{
    if (auto f = decide(p, action::directory_write, p.organisation_id))
        return *f;
    if (!is_uuid(draft.employee_id) || !store_.find_employee(p.organisation_id, draft.employee_id))
        return not_found("employee");
    draft.organisation_id = p.organisation_id;
    draft.created_at = clock_.now();
    draft.id = new_uuid_v7(draft.created_at);
    draft.version = 1;
    if (auto f = validate(draft))
        return *f;
    if (auto f = check_units(p, draft))
        return *f;
    store_.insert_employment(draft);
    note(p, "employment.create", "employment", draft.id);
    return draft;
}

result<std::vector<employment>>
directory_service::employments_of(principal const& p, std::string const& employee_id)
{
    if (!is_uuid(employee_id) || !store_.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    auto const r = relation_to(p, employee_id);
    if (auto f = decide(p, action::person_read, p.organisation_id, r))
        return *f;
    if (r != relation::self)
        note(p, "employment.read", "employee", employee_id);
    return store_.employments_of(p.organisation_id, employee_id);
}

result<employment> directory_service::update_employment(
    principal const& p, std::string const& id, employment_patch const& patch, int expected
)
{
    if (auto f = decide(p, action::directory_write, p.organisation_id))
        return *f;
    auto current = is_uuid(id) ? store_.find_employment(p.organisation_id, id) : std::nullopt;
    if (!current)
        return not_found("employment");
    employment next = *current;
    if (patch.end_date)
        next.end_date = *patch.end_date;
    if (patch.fte_per_mille)
        next.fte_per_mille = *patch.fte_per_mille;
    if (patch.unit_ids)
        next.unit_ids = *patch.unit_ids;
    if (patch.profession)
        next.profession = *patch.profession;
    if (auto f = validate(next))
        return *f;
    if (auto f = check_units(p, next))
        return *f;
    if (current->version != expected || !store_.update_employment(next, expected))
        return failure{errc::version_mismatch, "", "the employment was changed by someone else; reload it"};
    next.version = current->version + 1;
    note(p, "employment.update", "employment", next.id);
    return next;
}

result<legitimation> directory_service::record_legitimation(principal const& p, legitimation draft)
{
    if (auto f = decide(p, action::directory_write, p.organisation_id))
        return *f;
    if (!is_uuid(draft.employee_id) || !store_.find_employee(p.organisation_id, draft.employee_id))
        return not_found("employee");
    if (auto f = validate(draft, stockholm_today(clock_.now())))
        return *f;
    draft.organisation_id = p.organisation_id;
    draft.verified_by = p.account_id;
    draft.created_at = clock_.now();
    draft.id = new_uuid_v7(draft.created_at);
    store_.insert_legitimation(draft);
    note(p, "legitimation.record", "employee", draft.employee_id);
    return draft;
}

result<std::vector<legitimation>>
directory_service::legitimations_of(principal const& p, std::string const& employee_id)
{
    if (!is_uuid(employee_id) || !store_.find_employee(p.organisation_id, employee_id))
        return not_found("employee");
    auto const r = p.employee_id == employee_id ? relation::self : relation::other;
    if (auto f = decide(p, action::legitimation_read, p.organisation_id, r))
        return *f;
    if (r != relation::self)
        note(p, "legitimation.read", "employee", employee_id);
    return store_.legitimations_of(p.organisation_id, employee_id);
}

result<absence> directory_service::record_absence(principal const& p, absence draft)
{
    if (auto f = decide(p, action::directory_write, p.organisation_id))
        return *f;
    if (!is_uuid(draft.employee_id) || !store_.find_employee(p.organisation_id, draft.employee_id))
        return not_found("employee");
    if (!parse_iso_date(draft.from_date))
        return invalid("/from_date", "must be a date YYYY-MM-DD");
    if (draft.to_date && (!parse_iso_date(*draft.to_date) || *draft.to_date < draft.from_date))
        return invalid("/to_date", "must be a date YYYY-MM-DD on or after from_date");
    draft.organisation_id = p.organisation_id;
    draft.recorded_by = p.account_id;
    draft.created_at = clock_.now();
    draft.id = new_uuid_v7(draft.created_at);
    store_.insert_absence(draft);
    note(p, "absence.record", "employee", draft.employee_id);
    return draft;
}

result<absence>
directory_service::end_absence(principal const& p, std::string const& id, std::string const& to_date)
{
    if (auto f = decide(p, action::directory_write, p.organisation_id))
        return *f;
    auto a = is_uuid(id) ? store_.find_absence(p.organisation_id, id) : std::nullopt;
    if (!a)
        return not_found("absence");
    if (!parse_iso_date(to_date) || to_date < a->from_date)
        return invalid("/to_date", "must be a date YYYY-MM-DD on or after from_date");
    store_.end_absence(p.organisation_id, id, to_date);
    note(p, "absence.end", "employee", a->employee_id);
    a->to_date = to_date;
    return *a;
}

} // namespace kompetens::core
