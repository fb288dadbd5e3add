#include "server/storage/training_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>

namespace kompetens::storage {

namespace {

constexpr char const* course_columns = "select id, organisation_id, code, title, kind, provider, "
                                       "regulatory_basis, status, created_at, version from course";

core::course to_course(soci::row const& r)
{
    return core::course{
        text_at(r, 0),
        text_at(r, 1),
        text_at(r, 2),
        text_at(r, 3),
        text_at(r, 4),
        text_at(r, 5),
        text_at(r, 6),
        text_at(r, 7),
        int64_at(r, 8),
        int_at(r, 9)};
}

constexpr char const* version_columns = "select id, course_id, organisation_id, number, validity_months, "
                                        "renewal_window_days, grace_days, passing_score,"
                                        " evidence_type, published_at from course_version";

constexpr char const* rule_columns = "select id, organisation_id, course_id, scope_kind, scope_value, "
                                     "due_days, active, created_at from requirement_rule";

core::requirement_rule to_rule(soci::row const& r)
{
    return core::requirement_rule{
        text_at(r, 0),
        text_at(r, 1),
        text_at(r, 2),
        text_at(r, 3),
        text_at(r, 4),
        int_at(r, 5),
        int_at(r, 6) != 0,
        int64_at(r, 7)};
}

constexpr char const* record_columns =
    "select id, organisation_id, employee_id, course_id, "
    "course_version_id, completed_on, valid_until, source, attested,"
    " attested_by, score, created_at, certificate_sha256 from training_record";

core::requirement_state state_of(std::string const& s)
{
    using core::requirement_state;
    for (auto st :
         {requirement_state::missing,
          requirement_state::assigned,
          requirement_state::in_progress,
          requirement_state::completed_unattested,
          requirement_state::valid,
          requirement_state::expiring,
          requirement_state::expired,
          requirement_state::exempted})
        if (core::state_name(st) == s)
            return st;
    throw soci::soci_error("unknown requirement state in the database");
}

std::vector<core::requirement_status> to_statuses(query_rows& rows)
{
    std::vector<core::requirement_status> out;
    for (auto const& r : rows)
        out.push_back(core::requirement_status{
            text_at(r, 0),
            text_at(r, 1),
            text_at(r, 2),
            state_of(text_at(r, 3)),
            opt_text_at(r, 4),
            opt_text_at(r, 5)});
    return out;
}

constexpr char const* status_columns = "select s.organisation_id, s.employee_id, s.course_id, s.state, "
                                       "s.due_date, s.valid_until from requirement_status s";

} // namespace

bool training_repository::insert_course(core::course const& c)
{
    long long const at = c.created_at;
    soci::statement st =
        (sql_.prepare << "insert into course (id, organisation_id, code, title, kind, provider, "
                         "regulatory_basis, status,"
                         " created_at, version) values (:id, :o, :c, :t, :k, :p, :r, :s, :a, :v) on conflict "
                         "do nothing",
         soci::use(c.id),
         soci::use(c.organisation_id),
         soci::use(c.code),
         soci::use(c.title),
         soci::use(c.kind),
         soci::use(c.provider),
         soci::use(c.regulatory_basis),
         soci::use(c.status),
         soci::use(at),
         soci::use(c.version));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<core::course> training_repository::find_course(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(course_columns) + " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_course(r);
    return std::nullopt;
}

std::vector<core::course> training_repository::list_courses(std::string const& org)
{
    std::vector<core::course> out;
    query_rows rows{
        sql_, std::string(course_columns) + " where organisation_id = :o order by code", soci::use(org)};
    for (auto const& r : rows)
        out.push_back(to_course(r));
    return out;
}

void training_repository::set_course_status(
    std::string const& org, std::string const& id, std::string const& status
)
{
    sql_ << "update course set status = :s, version = version + 1 where organisation_id = :o and id = :id",
        soci::use(status), soci::use(org), soci::use(id);
}

void training_repository::insert_course_version(core::course_version const& v)
{
    nullable_int validity{v.validity_months};
    nullable_int passing{v.passing_score};
    long long const at = v.published_at;
    sql_ << "insert into course_version (id, course_id, organisation_id, number, validity_months, "
            "renewal_window_days,"
            " grace_days, passing_score, evidence_type, published_at) values (:id, :c, :o, :n, :vm, :rw, :g, "
            ":ps, :e, :p)",
        soci::use(v.id), soci::use(v.course_id), soci::use(v.organisation_id), soci::use(v.number),
        soci::use(validity.value, validity.ind), soci::use(v.renewal_window_days), soci::use(v.grace_days),
        soci::use(passing.value, passing.ind), soci::use(v.evidence_type), soci::use(at);
}

std::vector<core::course_version>
training_repository::versions_where(std::string const& clause, std::string const& a, std::string const& b)
{
    std::vector<core::course_version> out;
    query_rows rows{sql_, std::string(version_columns) + clause, soci::use(a), soci::use(b)};
    for (auto const& r : rows)
        out.push_back(core::course_version{
            text_at(r, 0),
            text_at(r, 1),
            text_at(r, 2),
            int_at(r, 3),
            opt_int_at(r, 4),
            int_at(r, 5),
            int_at(r, 6),
            opt_int_at(r, 7),
            text_at(r, 8),
            int64_at(r, 9)});
    return out;
}

std::optional<core::course_version>
training_repository::current_version(std::string const& org, std::string const& course_id)
{
    auto v = versions_where(
        " where organisation_id = :o and course_id = :c order by number desc limit 1", org, course_id
    );
    return v.empty() ? std::nullopt : std::optional{v.front()};
}

std::optional<core::course_version>
training_repository::find_course_version(std::string const& org, std::string const& id)
{
    auto v = versions_where(" where organisation_id = :o and id = :id", org, id);
    return v.empty() ? std::nullopt : std::optional{v.front()};
}

void training_repository::insert_rule(core::requirement_rule const& r)
{
    int const active = r.active ? 1 : 0;
    long long const at = r.created_at;
    sql_ << "insert into requirement_rule (id, organisation_id, course_id, scope_kind, scope_value, "
            "due_days, active,"
            " created_at) values (:id, :o, :c, :k, :v, :d, :a, :t)",
        soci::use(r.id), soci::use(r.organisation_id), soci::use(r.course_id), soci::use(r.scope_kind),
        soci::use(r.scope_value), soci::use(r.due_days), soci::use(active), soci::use(at);
}

std::optional<core::requirement_rule>
training_repository::find_rule(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(rule_columns) + " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_rule(r);
    return std::nullopt;
}

std::vector<core::requirement_rule> training_repository::active_rules(std::string const& org)
{
    std::vector<core::requirement_rule> out;
    query_rows rows{
        sql_,
        std::string(rule_columns) + " where organisation_id = :o and active = 1 order by id",
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(to_rule(r));
    return out;
}

void training_repository::deactivate_rule(std::string const& org, std::string const& id)
{
    sql_ << "update requirement_rule set active = 0 where organisation_id = :o and id = :id", soci::use(org),
        soci::use(id);
}

std::vector<core::assignment>
training_repository::active_assignments(std::string const& org, std::string const& employee_id)
{
    std::vector<core::assignment> out;
    query_rows rows{
        sql_,
        "select id, organisation_id, employee_id, course_id, source, rule_id, assigned_by, "
        "assigned_at,"
        " due_date, note, acknowledged_at from assignment where organisation_id = :o and"
        " employee_id = :e and cancelled_at is null order by id",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : rows)
        out.push_back(core::assignment{
            text_at(r, 0),
            text_at(r, 1),
            text_at(r, 2),
            text_at(r, 3),
            text_at(r, 4),
            opt_text_at(r, 5),
            text_at(r, 6),
            int64_at(r, 7),
            text_at(r, 8),
            text_at(r, 9),
            std::nullopt,
            opt_int64_at(r, 10)});
    return out;
}

void training_repository::insert_assignment(core::assignment const& a)
{
    nullable_text rule{a.rule_id};
    long long const at = a.assigned_at;
    sql_ << "insert into assignment (id, organisation_id, employee_id, course_id, source, rule_id, "
            "assigned_by, assigned_at,"
            " due_date, note) values (:id, :o, :e, :c, :s, :r, :b, :t, :d, :n)",
        soci::use(a.id), soci::use(a.organisation_id), soci::use(a.employee_id), soci::use(a.course_id),
        soci::use(a.source), soci::use(rule.value, rule.ind), soci::use(a.assigned_by), soci::use(at),
        soci::use(a.due_date), soci::use(a.note);
}

void training_repository::cancel_assignment(std::string const& id, core::millis at)
{
    long long const when = at;
    sql_ << "update assignment set cancelled_at = :t where id = :id", soci::use(when), soci::use(id);
}

void training_repository::insert_record(core::training_record const& r)
{
    nullable_text until{r.valid_until};
    nullable_text by{r.attested_by};
    nullable_int score{r.score};
    int const attested = r.attested ? 1 : 0;
    long long const at = r.created_at;
    nullable_text certificate{r.certificate_sha256};
    sql_ << "insert into training_record (id, organisation_id, employee_id, course_id, course_version_id, "
            "completed_on,"
            " valid_until, source, attested, attested_by, score, created_at, certificate_sha256)"
            " values (:id, :o, :e, :c, :v, :d, :u, :s, :a, :b, :sc, :t, :cs)",
        soci::use(r.id), soci::use(r.organisation_id), soci::use(r.employee_id), soci::use(r.course_id),
        soci::use(r.course_version_id), soci::use(r.completed_on), soci::use(until.value, until.ind),
        soci::use(r.source), soci::use(attested), soci::use(by.value, by.ind),
        soci::use(score.value, score.ind), soci::use(at), soci::use(certificate.value, certificate.ind);
}

bool training_repository::delegation_task_exists(std::string const& org, std::string const& task_id)
{
    int n = 0;
    sql_ << "select count(*) from delegation_task where organisation_id = :o and id = :i", soci::use(org),
        soci::use(task_id), soci::into(n);
    return n > 0;
}

std::vector<std::string> training_repository::held_delegation_tasks(
    std::string const& org, std::string const& employee_id, core::millis now
)
{
    // Stored state active and started; the date bound of valid_to is the sweep's to apply, and a day's
    // lag here only delays a training requirement, never a permission.
    std::vector<std::string> out;
    long long const t = now;
    soci::rowset<std::string> rows =
        (sql_.prepare
             << "select task_ids from delegation_decision where organisation_id = :o and delegate_id = :e"
                " and state = 'active' and activated_at <= :t",
         soci::use(org),
         soci::use(employee_id),
         soci::use(t));
    for (auto const& text : rows)
    {
        auto const ids = boost::json::parse(text); // a named value: the loop below must not outlive it
        for (auto const& id : ids.as_array())
            out.emplace_back(id.as_string());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool training_repository::insert_certificate(core::certificate const& c, std::string const& base64)
{
    if (find_certificate(c.organisation_id, c.sha256))
        return false; // content-addressed: the same bytes are already here
    long long const size = c.size_bytes;
    long long const at = c.uploaded_at;
    sql_ << "insert into certificate (organisation_id, sha256, content_type, size_bytes, uploaded_by, "
            "uploaded_at,"
            " data_base64) values (:o, :h, :t, :s, :b, :a, :d)",
        soci::use(c.organisation_id), soci::use(c.sha256), soci::use(c.content_type), soci::use(size),
        soci::use(c.uploaded_by), soci::use(at), soci::use(base64);
    return true;
}

std::optional<core::certificate>
training_repository::find_certificate(std::string const& org, std::string const& sha256)
{
    query_rows rows{
        sql_,
        "select organisation_id, sha256, content_type, size_bytes, uploaded_by, uploaded_at"
        " from certificate where organisation_id = :o and sha256 = :h",
        soci::use(org),
        soci::use(sha256)};
    for (auto const& r : rows)
        return core::certificate{
            text_at(r, 0), text_at(r, 1), text_at(r, 2), int64_at(r, 3), text_at(r, 4), int64_at(r, 5)};
    return std::nullopt;
}

std::optional<std::string>
training_repository::certificate_data(std::string const& org, std::string const& sha256)
{
    std::string data;
    soci::indicator ind = soci::i_null;
    sql_ << "select data_base64 from certificate where organisation_id = :o and sha256 = :h", soci::use(org),
        soci::use(sha256), soci::into(data, ind);
    if (!sql_.got_data() || ind != soci::i_ok)
        return std::nullopt;
    return data;
}

std::vector<core::training_record>
training_repository::records_where(std::string const& clause, std::string const& a, std::string const& b)
{
    std::vector<core::training_record> out;
    query_rows rows{sql_, std::string(record_columns) + clause, soci::use(a), soci::use(b)};
    for (auto const& r : rows)
    {
        core::training_record t;
        t.id = text_at(r, 0);
        t.organisation_id = text_at(r, 1);
        t.employee_id = text_at(r, 2);
        t.course_id = text_at(r, 3);
        t.course_version_id = text_at(r, 4);
        t.completed_on = text_at(r, 5);
        t.valid_until = opt_text_at(r, 6);
        t.source = text_at(r, 7);
        t.attested = int_at(r, 8) != 0;
        t.attested_by = opt_text_at(r, 9);
        t.score = opt_int_at(r, 10);
        t.created_at = int64_at(r, 11);
        t.certificate_sha256 = opt_text_at(r, 12);
        out.push_back(std::move(t));
    }
    return out;
}

std::optional<core::training_record>
training_repository::find_record(std::string const& org, std::string const& id)
{
    auto v = records_where(" where organisation_id = :o and id = :id", org, id);
    return v.empty() ? std::nullopt : std::optional{v.front()};
}

void training_repository::mark_attested(std::string const& id, std::string const& by)
{
    sql_ << "update training_record set attested = 1, attested_by = :b where id = :id", soci::use(by),
        soci::use(id);
}

std::vector<core::training_record>
training_repository::records_of(std::string const& org, std::string const& employee_id)
{
    return records_where(
        " where organisation_id = :o and employee_id = :e order by completed_on, created_at", org, employee_id
    );
}

void training_repository::insert_exemption(core::exemption const& e)
{
    nullable_text until{e.until};
    long long const at = e.created_at;
    sql_ << "insert into exemption (id, organisation_id, employee_id, course_id, reason, granted_by, "
            "until_date, created_at)"
            " values (:id, :o, :e, :c, :r, :g, :u, :t)",
        soci::use(e.id), soci::use(e.organisation_id), soci::use(e.employee_id), soci::use(e.course_id),
        soci::use(e.reason), soci::use(e.granted_by), soci::use(until.value, until.ind), soci::use(at);
}

std::vector<core::exemption>
training_repository::exemptions_of(std::string const& org, std::string const& employee_id)
{
    std::vector<core::exemption> out;
    query_rows rows{
        sql_,
        "select id, organisation_id, employee_id, course_id, reason, granted_by, "
        "until_date, created_at"
        " from exemption where organisation_id = :o and employee_id = :e order by id",
        soci::use(org),
        soci::use(employee_id)};
    for (auto const& r : rows)
        out.push_back(core::exemption{
            text_at(r, 0),
            text_at(r, 1),
            text_at(r, 2),
            text_at(r, 3),
            text_at(r, 4),
            text_at(r, 5),
            opt_text_at(r, 6),
            int64_at(r, 7)});
    return out;
}

void training_repository::replace_statuses(
    std::string const& org,
    std::string const& employee_id,
    std::vector<core::requirement_status> const& rows,
    std::string const& gender,
    std::vector<std::string> const& unit_ids
)
{
    // Only rows that changed are written: a recompute that finds nothing new writes nothing.
    auto const before = statuses_of(org, employee_id);
    auto same = [](core::requirement_status const& a, core::requirement_status const& b) {
        return a.course_id == b.course_id && a.state == b.state && a.due_date == b.due_date &&
               a.valid_until == b.valid_until;
    };
    for (auto const& old : before)
        if (std::none_of(rows.begin(), rows.end(), [&](auto const& r) {
                return r.course_id == old.course_id;
            }))
            sql_ << "delete from requirement_status where employee_id = :e and course_id = :c",
                soci::use(employee_id), soci::use(old.course_id);
    std::string stored_gender;
    if (!before.empty())
        sql_ << "select gender from requirement_status where employee_id = :e and course_id = :c",
            soci::use(employee_id), soci::use(before.front().course_id), soci::into(stored_gender);
    bool const gender_changed = !before.empty() && stored_gender != gender;
    for (auto const& r : rows)
    {
        if (!gender_changed &&
            std::any_of(before.begin(), before.end(), [&](auto const& b) { return same(b, r); }))
            continue;
        std::string const state{core::state_name(r.state)};
        nullable_text due{r.due_date};
        nullable_text until{r.valid_until};
        sql_ << "delete from requirement_status where employee_id = :e and course_id = :c",
            soci::use(employee_id), soci::use(r.course_id);
        sql_ << "insert into requirement_status (organisation_id, employee_id, course_id, state, due_date, "
                "valid_until, gender)"
                " values (:o, :e, :c, :s, :d, :u, :g)",
            soci::use(org), soci::use(employee_id), soci::use(r.course_id), soci::use(state),
            soci::use(due.value, due.ind), soci::use(until.value, until.ind), soci::use(gender);
    }

    // The projection per current unit: compared as a whole, rewritten only when it differs.
    std::vector<std::string> want, have;
    for (auto const& r : rows)
        for (auto const& u : unit_ids)
            want.push_back(
                r.course_id + "|" + u + "|" + std::string(core::state_name(r.state)) + "|" + gender
            );
    {
        query_rows got{
            sql_,
            "select course_id, unit_id, state, gender from requirement_status_unit"
            " where employee_id = :e",
            soci::use(employee_id)};
        for (auto const& g : got)
            have.push_back(text_at(g, 0) + "|" + text_at(g, 1) + "|" + text_at(g, 2) + "|" + text_at(g, 3));
    }
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    std::sort(have.begin(), have.end());
    if (want == have)
        return;
    sql_ << "delete from requirement_status_unit where employee_id = :e", soci::use(employee_id);
    for (auto const& r : rows)
    {
        std::string const state{core::state_name(r.state)};
        for (auto const& u : unit_ids)
            sql_ << "insert into requirement_status_unit (organisation_id, employee_id, course_id, unit_id, "
                    "state,"
                    " gender) values (:o, :e, :c, :u, :s, :g)",
                soci::use(org), soci::use(employee_id), soci::use(r.course_id), soci::use(u),
                soci::use(state), soci::use(gender);
    }
}

std::vector<core::requirement_status>
training_repository::statuses_of(std::string const& org, std::string const& employee_id)
{
    query_rows rows{
        sql_,
        std::string(status_columns) +
            " where s.organisation_id = :o and s.employee_id = :e order by s.course_id",
        soci::use(org),
        soci::use(employee_id)};
    return to_statuses(rows);
}

std::vector<core::requirement_status> training_repository::statuses_in_unit(
    std::string const& org, std::string const& unit_id, std::string const& day
)
{
    // Start from the unit's people and look each one up by the primary key (employee_id, course_id);
    // filtering the status table by organisation instead makes both databases walk the organisation
    // index for every person (measured: about 100 times slower, BENCHMARKS.md B5a).
    query_rows rows{
        sql_,
        "select s.organisation_id, s.employee_id, s.course_id, s.state, s.due_date, s.valid_until"
        " from (select distinct m.employee_id from employment m"
        "   join employment_unit mu on mu.employment_id = m.id"
        "   where mu.unit_id = :u and m.organisation_id = :o"
        "   and m.start_date <= :d1 and (m.end_date is null or m.end_date >= :d2)) p"
        " join requirement_status s on s.employee_id = p.employee_id"
        " order by s.employee_id, s.course_id",
        soci::use(unit_id),
        soci::use(org),
        soci::use(day),
        soci::use(day)};
    return to_statuses(rows);
}

std::vector<std::string>
training_repository::people_to_recompute(std::string const& org, std::string const& day)
{
    std::vector<std::string> out;
    query_rows rows{
        sql_,
        "select employee_id from employment where organisation_id = :o1 and start_date <= :d1"
        " and (end_date is null or end_date >= :d2)"
        " union select employee_id from assignment where organisation_id = :o2 and cancelled_at is "
        "null"
        " union select employee_id from requirement_status where organisation_id = :o3 order by 1",
        soci::use(org),
        soci::use(day),
        soci::use(day),
        soci::use(org),
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(text_at(r, 0));
    return out;
}

std::vector<core::requirement_status>
training_repository::expiring_between(std::string const& org, std::string const& from, std::string const& to)
{
    query_rows rows{
        sql_,
        std::string(status_columns) +
            " where s.organisation_id = :o and s.valid_until >= :f and s.valid_until <= :t"
            " and s.state in ('valid', 'expiring') order by s.valid_until, s.employee_id",
        soci::use(org),
        soci::use(from),
        soci::use(to)};
    return to_statuses(rows);
}

std::vector<core::requirement_status>
training_repository::overdue_on(std::string const& org, std::string const& day)
{
    query_rows rows{
        sql_,
        std::string(status_columns) + " where s.organisation_id = :o and s.due_date < :d"
                                      " and s.state in ('missing', 'assigned', 'in_progress', 'expired')"
                                      " order by s.due_date, s.employee_id",
        soci::use(org),
        soci::use(day)};
    return to_statuses(rows);
}

std::vector<core::status_count> training_repository::status_counts(std::string const& org, std::string const&)
{
    std::vector<core::status_count> out;
    // Two single-table groupings over what the engine maintains: per unit from the projection (a person
    // counts once per unit they work in), and the organisation as a whole from the status table (each
    // person once, however many units).
    query_rows rows{
        sql_,
        "select unit_id, course_id, state, gender, count(*) from requirement_status_unit"
        " where organisation_id = :o group by unit_id, course_id, state, gender",
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(core::status_count{
            text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), int_at(r, 4)});
    query_rows whole{
        sql_,
        "select '', course_id, state, gender, count(*) from requirement_status"
        " where organisation_id = :o group by course_id, state, gender",
        soci::use(org)};
    for (auto const& r : whole)
        out.push_back(core::status_count{
            text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), int_at(r, 4)});
    return out;
}

void training_repository::insert_module(core::course_module const& m)
{
    nullable_int passing{m.passing_score};
    long long const at = m.created_at;
    sql_ << "insert into course_module (id, organisation_id, course_id, position, kind, title, body, "
            "passing_score, created_at)"
            " values (:id, :o, :c, :p, :k, :t, :b, :ps, :a)",
        soci::use(m.id), soci::use(m.organisation_id), soci::use(m.course_id), soci::use(m.position),
        soci::use(m.kind), soci::use(m.title), soci::use(m.body), soci::use(passing.value, passing.ind),
        soci::use(at);
    int position = 0;
    std::string prompt, options;
    int correct = 0;
    soci::statement st =
        (sql_.prepare << "insert into quiz_question (module_id, position, prompt, options, correct) values "
                         "(:m, :p, :q, :o, :c)",
         soci::use(m.id),
         soci::use(position),
         soci::use(prompt),
         soci::use(options),
         soci::use(correct));
    for (auto const& q : m.questions)
    {
        ++position;
        prompt = q.prompt;
        boost::json::array opts;
        for (auto const& o : q.options)
            opts.emplace_back(o);
        options = boost::json::serialize(opts);
        correct = q.correct;
        st.execute(true);
    }
}

std::vector<core::course_module>
training_repository::modules_where(std::string const& clause, std::string const& a, std::string const& b)
{
    std::vector<core::course_module> out;
    {
        query_rows rows{
            sql_,
            "select id, organisation_id, course_id, position, kind, title, body, "
            "passing_score, created_at"
            " from course_module" +
                clause,
            soci::use(a),
            soci::use(b)};
        for (auto const& r : rows)
        {
            core::course_module m;
            m.id = text_at(r, 0);
            m.organisation_id = text_at(r, 1);
            m.course_id = text_at(r, 2);
            m.position = int_at(r, 3);
            m.kind = text_at(r, 4);
            m.title = text_at(r, 5);
            m.body = text_at(r, 6);
            m.passing_score = opt_int_at(r, 7);
            m.created_at = int64_at(r, 8);
            out.push_back(std::move(m));
        }
    }
    for (auto& m : out)
    {
        if (m.kind != "quiz")
            continue;
        query_rows rows{
            sql_,
            "select prompt, options, correct from quiz_question where module_id = :m order "
            "by position",
            soci::use(m.id)};
        for (auto const& r : rows)
        {
            core::quiz_question q;
            q.prompt = text_at(r, 0);
            auto const options = boost::json::parse(text_at(r, 1)); // named: it must outlive the loop
            for (auto const& o : options.as_array())
                q.options.emplace_back(o.as_string());
            q.correct = int_at(r, 2);
            m.questions.push_back(std::move(q));
        }
    }
    return out;
}

std::optional<core::course_module>
training_repository::find_module(std::string const& org, std::string const& id)
{
    auto v = modules_where(" where organisation_id = :o and id = :id", org, id);
    return v.empty() ? std::nullopt : std::optional{v.front()};
}

std::vector<core::course_module>
training_repository::modules_of(std::string const& org, std::string const& course_id)
{
    return modules_where(" where organisation_id = :o and course_id = :c order by position", org, course_id);
}

void training_repository::mark_module_done(
    std::string const& org, std::string const& employee_id, std::string const& module_id, core::millis at
)
{
    long long const when = at;
    sql_ << "insert into module_progress (organisation_id, employee_id, module_id, course_id, done_at)"
            " select :o, :e, id, course_id, :t from course_module where id = :m on conflict do nothing",
        soci::use(org), soci::use(employee_id), soci::use(when), soci::use(module_id);
}

std::vector<std::string> training_repository::modules_done(
    std::string const& org, std::string const& employee_id, std::string const& course_id
)
{
    std::vector<std::string> out;
    query_rows rows{
        sql_,
        "select module_id from module_progress where organisation_id = :o and employee_id = :e"
        " and course_id = :c order by module_id",
        soci::use(org),
        soci::use(employee_id),
        soci::use(course_id)};
    for (auto const& r : rows)
        out.push_back(text_at(r, 0));
    return out;
}

void training_repository::clear_modules_done(
    std::string const& org, std::string const& employee_id, std::string const& course_id
)
{
    sql_ << "delete from module_progress where organisation_id = :o and employee_id = :e and course_id = :c",
        soci::use(org), soci::use(employee_id), soci::use(course_id);
}

void training_repository::insert_attempt(
    std::string const& id,
    std::string const& org,
    std::string const& employee_id,
    std::string const& module_id,
    std::string const& answers,
    int score,
    bool passed,
    core::millis at
)
{
    int const ok = passed ? 1 : 0;
    long long const when = at;
    sql_ << "insert into quiz_attempt (id, organisation_id, employee_id, module_id, answers, score, passed, "
            "created_at)"
            " values (:id, :o, :e, :m, :a, :s, :p, :t)",
        soci::use(id), soci::use(org), soci::use(employee_id), soci::use(module_id), soci::use(answers),
        soci::use(score), soci::use(ok), soci::use(when);
}

} // namespace kompetens::storage
