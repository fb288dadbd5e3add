#include "server/storage/delegation_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

#include <boost/json.hpp>

namespace kompetens::storage {

namespace {

std::string list_json(std::vector<std::string> const& v)
{
    boost::json::array a;
    for (auto const& s : v)
        a.emplace_back(s);
    return boost::json::serialize(a);
}

std::vector<std::string> json_list(std::string const& text)
{
    std::vector<std::string> out;
    auto const v = boost::json::parse(text);
    for (auto const& s : v.as_array())
        out.emplace_back(s.as_string());
    return out;
}

std::string courses_json(std::vector<core::course_prerequisite> const& v)
{
    boost::json::array a;
    for (auto const& c : v)
    {
        boost::json::object o{{"course_id", c.course_id}};
        if (c.max_age_months)
            o["max_age_months"] = *c.max_age_months;
        a.push_back(std::move(o));
    }
    return boost::json::serialize(a);
}

std::vector<core::course_prerequisite> json_courses(std::string const& text)
{
    std::vector<core::course_prerequisite> out;
    auto const v = boost::json::parse(text);
    for (auto const& c : v.as_array())
    {
        auto const& o = c.as_object();
        core::course_prerequisite p{std::string(o.at("course_id").as_string()), std::nullopt};
        if (auto m = o.if_contains("max_age_months"))
            p.max_age_months = static_cast<int>(m->as_int64());
        out.push_back(std::move(p));
    }
    return out;
}

constexpr char const* task_columns =
    "select id, organisation_id, code, name, category, tier, delegator_professions,"
    " prerequisite_courses, prerequisite_tasks, min_days_in_unit,"
    " min_language_level, max_validity_months, allowed_scopes, risk_class, active,"
    " created_at, suspend_on_lapse from delegation_task";

core::delegation_task to_task(soci::row const& r)
{
    core::delegation_task t;
    t.id = text_at(r, 0);
    t.organisation_id = text_at(r, 1);
    t.code = text_at(r, 2);
    t.name = text_at(r, 3);
    t.category = text_at(r, 4);
    t.tier = text_at(r, 5);
    t.delegator_professions = json_list(text_at(r, 6));
    t.prerequisite_courses = json_courses(text_at(r, 7));
    t.prerequisite_tasks = json_list(text_at(r, 8));
    t.min_days_in_unit = int_at(r, 9);
    t.min_language_level = opt_text_at(r, 10);
    t.max_validity_months = int_at(r, 11);
    t.allowed_scopes = json_list(text_at(r, 12));
    t.risk_class = text_at(r, 13);
    t.active = int_at(r, 14) != 0;
    t.created_at = int64_at(r, 15);
    t.suspend_on_lapse = int_at(r, 16) != 0;
    return t;
}

constexpr char const* decision_columns =
    "select d.id, d.organisation_id, d.delegator_id, d.delegator_profession, d.legitimation_id, "
    "d.delegate_id,"
    " d.task_ids, d.scope_kind, d.unit_ids, d.patient_ref, d.valid_from, d.valid_to, d.single_occasion, "
    "d.state,"
    " d.renews_id, d.prerequisite_snapshot, d.delegator_sign_method, d.delegator_signed_at,"
    " d.delegate_sign_method, d.delegate_signed_at, d.self_assessment_confirmed, d.activated_at, d.ended_at,"
    " d.end_reason, d.ended_by, d.at_risk, d.at_risk_reason, d.created_at, d.version,"
    " d.delegator_unit_ids, d.suspended from "
    "delegation_decision d";

core::delegation_decision to_decision(soci::row const& r)
{
    core::delegation_decision d;
    d.id = text_at(r, 0);
    d.organisation_id = text_at(r, 1);
    d.delegator_id = text_at(r, 2);
    d.delegator_profession = text_at(r, 3);
    d.legitimation_id = text_at(r, 4);
    d.delegate_id = text_at(r, 5);
    d.task_ids = json_list(text_at(r, 6));
    d.scope_kind = text_at(r, 7);
    d.unit_ids = json_list(text_at(r, 8));
    d.patient_ref = opt_text_at(r, 9);
    d.valid_from = text_at(r, 10);
    d.valid_to = text_at(r, 11);
    d.single_occasion = int_at(r, 12) != 0;
    d.state = core::parse_delegation_state(text_at(r, 13)).value_or(core::delegation_state::draft);
    d.renews_id = opt_text_at(r, 14);
    d.prerequisite_snapshot = text_at(r, 15);
    if (auto m = opt_text_at(r, 16))
        d.delegator_signature = core::signature{*m, opt_int64_at(r, 17).value_or(0)};
    if (auto m = opt_text_at(r, 18))
        d.delegate_signature = core::signature{*m, opt_int64_at(r, 19).value_or(0)};
    d.self_assessment_confirmed = int_at(r, 20) != 0;
    d.activated_at = opt_int64_at(r, 21);
    d.ended_at = opt_int64_at(r, 22);
    d.end_reason = text_at(r, 23);
    d.ended_by = opt_text_at(r, 24);
    d.at_risk = int_at(r, 25) != 0;
    d.at_risk_reason = text_at(r, 26);
    d.delegator_unit_ids = json_list(text_at(r, 29));
    d.suspended = int_at(r, 30) != 0;
    d.created_at = int64_at(r, 27);
    d.version = int_at(r, 28);
    return d;
}

/** The bindings of a decision's mutable columns, kept alive for the statement. */
struct decision_values
{
    std::string task_ids, unit_ids, state;
    nullable_text patient_ref, renews_id, delegator_method, delegate_method, ended_by;
    nullable_int64 delegator_at, delegate_at, activated_at, ended_at;
    int single_occasion, confirmed, at_risk;
    std::string delegator_units;
    int suspended;

    explicit decision_values(core::delegation_decision const& d)
        : task_ids(list_json(d.task_ids)), unit_ids(list_json(d.unit_ids)), state(core::state_name(d.state)),
          patient_ref(d.patient_ref), renews_id(d.renews_id),
          delegator_method(
              d.delegator_signature ? std::optional(d.delegator_signature->method) : std::nullopt
          ),
          delegate_method(d.delegate_signature ? std::optional(d.delegate_signature->method) : std::nullopt),
          ended_by(d.ended_by),
          delegator_at(
              d.delegator_signature ? std::optional<long long>(d.delegator_signature->signed_at)
                                    : std::nullopt
          ),
          delegate_at(
              d.delegate_signature ? std::optional<long long>(d.delegate_signature->signed_at) : std::nullopt
          ),
          activated_at(d.activated_at ? std::optional<long long>(*d.activated_at) : std::nullopt),
          ended_at(d.ended_at ? std::optional<long long>(*d.ended_at) : std::nullopt),
          single_occasion(d.single_occasion ? 1 : 0), confirmed(d.self_assessment_confirmed ? 1 : 0),
          at_risk(d.at_risk ? 1 : 0), delegator_units(list_json(d.delegator_unit_ids)),
          suspended(d.suspended ? 1 : 0)
    {
    }
};

} // namespace

bool delegation_repository::insert_task(core::delegation_task const& t)
{
    int taken = 0;
    sql_ << "select count(*) from delegation_task where organisation_id = :o and code = :c",
        soci::use(t.organisation_id), soci::use(t.code), soci::into(taken);
    if (taken > 0)
        return false;
    auto const professions = list_json(t.delegator_professions);
    auto const courses = courses_json(t.prerequisite_courses);
    auto const tasks = list_json(t.prerequisite_tasks);
    auto const scopes = list_json(t.allowed_scopes);
    nullable_text language{t.min_language_level};
    int const active = t.active ? 1 : 0;
    long long const at = t.created_at;
    sql_ << "insert into delegation_task (id, organisation_id, code, name, category, tier, "
            "delegator_professions,"
            " prerequisite_courses, prerequisite_tasks, min_days_in_unit, min_language_level, "
            "max_validity_months,"
            " allowed_scopes, risk_class, active, created_at) values (:id, :o, :c, :n, :cat, :tier, :dp, "
            ":pc, :pt,"
            " :md, :ll, :mv, :sc, :rc, :a, :t)",
        soci::use(t.id), soci::use(t.organisation_id), soci::use(t.code), soci::use(t.name),
        soci::use(t.category), soci::use(t.tier), soci::use(professions), soci::use(courses),
        soci::use(tasks), soci::use(t.min_days_in_unit), soci::use(language.value, language.ind),
        soci::use(t.max_validity_months), soci::use(scopes), soci::use(t.risk_class), soci::use(active),
        soci::use(at);
    int const suspend = t.suspend_on_lapse ? 1 : 0;
    sql_ << "update delegation_task set suspend_on_lapse = :s where id = :id", soci::use(suspend),
        soci::use(t.id);
    return true;
}

std::optional<core::delegation_task>
delegation_repository::find_task(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(task_columns) + " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_task(r);
    return std::nullopt;
}

std::vector<core::delegation_task> delegation_repository::list_tasks(std::string const& org)
{
    std::vector<core::delegation_task> out;
    query_rows rows{
        sql_, std::string(task_columns) + " where organisation_id = :o order by code", soci::use(org)};
    for (auto const& r : rows)
        out.push_back(to_task(r));
    return out;
}

void delegation_repository::insert_decision(core::delegation_decision const& d)
{
    decision_values v{d};
    long long const created = d.created_at;
    sql_
        << "insert into delegation_decision (id, organisation_id, delegator_id, delegator_profession,"
           " legitimation_id, delegate_id, task_ids, scope_kind, unit_ids, patient_ref, valid_from, valid_to,"
           " single_occasion, state, renews_id, prerequisite_snapshot, delegator_sign_method, "
           "delegator_signed_at,"
           " delegate_sign_method, delegate_signed_at, self_assessment_confirmed, activated_at, ended_at, "
           "end_reason,"
           " ended_by, at_risk, at_risk_reason, created_at, version) values (:id, :o, :dr, :dp, :l, :de, "
           ":ti, :sk,"
           " :ui, :pr, :vf, :vt, :so, :st, :rn, :ps, :drm, :dra, :dem, :dea, :sa, :aa, :ea, :er, :eb, :ar, "
           ":arr,"
           " :ca, :v)",
        soci::use(d.id), soci::use(d.organisation_id), soci::use(d.delegator_id),
        soci::use(d.delegator_profession), soci::use(d.legitimation_id), soci::use(d.delegate_id),
        soci::use(v.task_ids), soci::use(d.scope_kind), soci::use(v.unit_ids),
        soci::use(v.patient_ref.value, v.patient_ref.ind), soci::use(d.valid_from), soci::use(d.valid_to),
        soci::use(v.single_occasion), soci::use(v.state), soci::use(v.renews_id.value, v.renews_id.ind),
        soci::use(d.prerequisite_snapshot), soci::use(v.delegator_method.value, v.delegator_method.ind),
        soci::use(v.delegator_at.value, v.delegator_at.ind),
        soci::use(v.delegate_method.value, v.delegate_method.ind),
        soci::use(v.delegate_at.value, v.delegate_at.ind), soci::use(v.confirmed),
        soci::use(v.activated_at.value, v.activated_at.ind), soci::use(v.ended_at.value, v.ended_at.ind),
        soci::use(d.end_reason), soci::use(v.ended_by.value, v.ended_by.ind), soci::use(v.at_risk),
        soci::use(d.at_risk_reason), soci::use(created), soci::use(d.version);
    for (auto const& u : d.unit_ids)
        sql_ << "insert into delegation_scope_unit (decision_id, unit_id) values (:d, :u)", soci::use(d.id),
            soci::use(u);
}

bool delegation_repository::update_decision(core::delegation_decision const& d, int expected)
{
    // Scope, tasks, people and period are fixed at creation: a change of scope is a new decision.
    decision_values v{d};
    soci::statement st =
        (sql_.prepare
             << "update delegation_decision set state = :st, prerequisite_snapshot = :ps,"
                " delegator_sign_method = :drm, delegator_signed_at = :dra, delegate_sign_method = :dem,"
                " delegate_signed_at = :dea, self_assessment_confirmed = :sa, activated_at = :aa,"
                " ended_at = :ea, end_reason = :er, ended_by = :eb, at_risk = :ar, at_risk_reason = :arr,"
                " delegator_unit_ids = :du, suspended = :su,"
                " version = :v where id = :id and organisation_id = :o and version = :expected",
         soci::use(v.state),
         soci::use(d.prerequisite_snapshot),
         soci::use(v.delegator_method.value, v.delegator_method.ind),
         soci::use(v.delegator_at.value, v.delegator_at.ind),
         soci::use(v.delegate_method.value, v.delegate_method.ind),
         soci::use(v.delegate_at.value, v.delegate_at.ind),
         soci::use(v.confirmed),
         soci::use(v.activated_at.value, v.activated_at.ind),
         soci::use(v.ended_at.value, v.ended_at.ind),
         soci::use(d.end_reason),
         soci::use(v.ended_by.value, v.ended_by.ind),
         soci::use(v.at_risk),
         soci::use(d.at_risk_reason),
         soci::use(v.delegator_units),
         soci::use(v.suspended),
         soci::use(d.version),
         soci::use(d.id),
         soci::use(d.organisation_id),
         soci::use(expected));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::vector<core::delegation_decision> delegation_repository::decisions_where(
    std::string const& where, std::string const& org, std::string const& arg
)
{
    std::vector<core::delegation_decision> out;
    query_rows rows{
        sql_,
        std::string(decision_columns) + " where d.organisation_id = :o and " + where + " order by d.id",
        soci::use(org),
        soci::use(arg)};
    for (auto const& r : rows)
        out.push_back(to_decision(r));
    return out;
}

std::optional<core::delegation_decision>
delegation_repository::find_decision(std::string const& org, std::string const& id)
{
    auto v = decisions_where("d.id = :a", org, id);
    if (v.empty())
        return std::nullopt;
    return v.front();
}

std::vector<core::delegation_decision>
delegation_repository::decisions_of_delegate(std::string const& org, std::string const& employee_id)
{
    return decisions_where("d.delegate_id = :a", org, employee_id);
}

std::vector<core::delegation_decision>
delegation_repository::decisions_of_delegator(std::string const& org, std::string const& employee_id)
{
    return decisions_where("d.delegator_id = :a", org, employee_id);
}

std::vector<core::delegation_decision>
delegation_repository::decisions_in_units(std::string const& org, std::vector<std::string> const& unit_ids)
{
    std::vector<core::delegation_decision> out;
    for (auto const& u : unit_ids)
        for (auto& d : decisions_where(
                 "exists (select 1 from delegation_scope_unit s where s.decision_id = d.id and s.unit_id = "
                 ":a)",
                 org,
                 u
             ))
            if (std::none_of(out.begin(), out.end(), [&](auto const& o) { return o.id == d.id; }))
                out.push_back(std::move(d));
    return out;
}

std::vector<core::delegation_decision>
delegation_repository::decisions_in_state(std::string const& org, core::delegation_state state)
{
    return decisions_where("d.state = :a", org, std::string(core::state_name(state)));
}

std::vector<core::delegation_decision> delegation_repository::decisions_ever_active(std::string const& org)
{
    return decisions_where("d.activated_at is not null and d.id <> :a", org, "");
}

void delegation_repository::append_event(core::delegation_event const& e)
{
    long long const at = e.at;
    sql_ << "insert into delegation_event (id, organisation_id, decision_id, kind, actor, at, state_after, "
            "detail)"
            " values (:id, :o, :d, :k, :a, :t, :s, :x)",
        soci::use(e.id), soci::use(e.organisation_id), soci::use(e.decision_id), soci::use(e.kind),
        soci::use(e.actor), soci::use(at), soci::use(e.state_after), soci::use(e.detail);
}

std::vector<core::delegation_event>
delegation_repository::events_of(std::string const& org, std::string const& decision_id)
{
    std::vector<core::delegation_event> out;
    query_rows rows{
        sql_,
        "select id, organisation_id, decision_id, kind, actor, at, state_after, detail"
        " from delegation_event where organisation_id = :o and decision_id = :d order by at, id",
        soci::use(org),
        soci::use(decision_id)};
    for (auto const& r : rows)
        out.push_back(core::delegation_event{
            text_at(r, 0),
            text_at(r, 1),
            text_at(r, 2),
            text_at(r, 3),
            text_at(r, 4),
            int64_at(r, 5),
            text_at(r, 6),
            text_at(r, 7)});
    return out;
}

void delegation_repository::insert_follow_up(core::delegation_follow_up const& f)
{
    nullable_text next{f.next_due};
    long long const at = f.created_at;
    sql_
        << "insert into delegation_follow_up (id, organisation_id, decision_id, by_account, on_date, outcome,"
           " observation, next_due, created_at) values (:id, :o, :d, :b, :on, :oc, :ob, :n, :t)",
        soci::use(f.id), soci::use(f.organisation_id), soci::use(f.decision_id), soci::use(f.by),
        soci::use(f.on), soci::use(f.outcome), soci::use(f.observation), soci::use(next.value, next.ind),
        soci::use(at);
}

std::vector<core::delegation_follow_up>
delegation_repository::follow_ups_of(std::string const& org, std::string const& decision_id)
{
    std::vector<core::delegation_follow_up> out;
    query_rows rows{
        sql_,
        "select id, organisation_id, decision_id, by_account, on_date, outcome, observation,"
        " next_due, created_at from delegation_follow_up where organisation_id = :o and"
        " decision_id = :d order by created_at, id",
        soci::use(org),
        soci::use(decision_id)};
    for (auto const& r : rows)
        out.push_back(core::delegation_follow_up{
            text_at(r, 0),
            text_at(r, 1),
            text_at(r, 2),
            text_at(r, 3),
            text_at(r, 4),
            text_at(r, 5),
            text_at(r, 6),
            opt_text_at(r, 7),
            int64_at(r, 8)});
    return out;
}

} // namespace kompetens::storage
