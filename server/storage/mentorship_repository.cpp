#include "server/storage/mentorship_repository.hpp"

#include "server/storage/query_rows.hpp"
#include "server/storage/row_reader.hpp"

#include <algorithm>
#include <set>

namespace kompetens::storage {

namespace {

constexpr char const* columns =
    "select id, organisation_id, programme_id, mentor_id, mentee_id, starts_on, ends_on, status, created_at,"
    " created_by, ended_at, version from mentorship";

core::mentorship to_mentorship(soci::row const& r)
{
    core::mentorship m;
    m.id = text_at(r, 0);
    m.organisation_id = text_at(r, 1);
    m.programme_id = text_at(r, 2);
    m.mentor_id = text_at(r, 3);
    m.mentee_id = text_at(r, 4);
    m.starts_on = text_at(r, 5);
    m.ends_on = text_at(r, 6);
    m.status = text_at(r, 7);
    m.created_at = int64_at(r, 8);
    m.created_by = text_at(r, 9);
    m.ended_at = opt_int64_at(r, 10);
    m.version = int_at(r, 11);
    return m;
}

std::vector<std::string> split(std::string const& codes)
{
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < codes.size())
    {
        auto const comma = codes.find(',', at);
        auto const end = comma == std::string::npos ? codes.size() : comma;
        out.push_back(codes.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

core::mentorship_meeting to_meeting(soci::row const& r)
{
    core::mentorship_meeting m;
    m.id = text_at(r, 0);
    m.organisation_id = text_at(r, 1);
    m.mentorship_id = text_at(r, 2);
    m.met_on = text_at(r, 3);
    m.topics = split(text_at(r, 4));
    m.recorded_by = text_at(r, 5);
    m.recorded_at = int64_at(r, 6);
    return m;
}

constexpr char const* meeting_columns = "select id, organisation_id, mentorship_id, met_on, topics, "
                                        "recorded_by, recorded_at from mentorship_meeting";

} // namespace

void mentorship_repository::load_courses(core::mentorship_programme& p)
{
    query_rows rows{
        sql_,
        "select course_id from mentorship_programme_course where programme_id = :p"
        " order by course_id",
        soci::use(p.id)};
    for (auto const& r : rows)
        p.course_ids.push_back(text_at(r, 0));
}

void mentorship_repository::insert_programme(core::mentorship_programme const& p)
{
    long long const at = p.created_at;
    sql_ << "insert into mentorship_programme (id, organisation_id, name, kind, created_at, version)"
            " values (:id, :o, :n, :k, :at, :v)",
        soci::use(p.id), soci::use(p.organisation_id), soci::use(p.name), soci::use(p.kind), soci::use(at),
        soci::use(p.version);
    for (auto const& c : std::set<std::string>(p.course_ids.begin(), p.course_ids.end()))
        sql_ << "insert into mentorship_programme_course (programme_id, course_id) values (:p, :c)",
            soci::use(p.id), soci::use(c);
}

std::optional<core::mentorship_programme>
mentorship_repository::find_programme(std::string const& org, std::string const& id)
{
    std::optional<core::mentorship_programme> out;
    query_rows rows{
        sql_,
        "select id, organisation_id, name, kind, created_at, version from mentorship_programme"
        " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        out = core::mentorship_programme{
            text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), {}, int64_at(r, 4), int_at(r, 5)};
    if (out)
        load_courses(*out);
    return out;
}

std::vector<core::mentorship_programme> mentorship_repository::programmes(std::string const& org)
{
    std::vector<core::mentorship_programme> out;
    query_rows rows{
        sql_,
        "select id, organisation_id, name, kind, created_at, version from mentorship_programme"
        " where organisation_id = :o order by name, id",
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(
            {text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), {}, int64_at(r, 4), int_at(r, 5)}
        );
    for (auto& p : out)
        load_courses(p);
    return out;
}

void mentorship_repository::lock_mentor(std::string const& org, std::string const& mentor_id)
{
    if (!postgres_)
        return; // SQLite: one writer already
    int n = 0;
    sql_ << "select count(*) from (select id from employee where organisation_id = :o and id = :e for "
            "update) x",
        soci::into(n), soci::use(org), soci::use(mentor_id);
}

void mentorship_repository::insert(core::mentorship const& m)
{
    long long const at = m.created_at;
    sql_ << "insert into mentorship (id, organisation_id, programme_id, mentor_id, mentee_id, starts_on, "
            "ends_on,"
            " status, created_at, created_by, version) values (:id, :o, :p, :mr, :me, :s, :e, :st, :at, :by, "
            ":v)",
        soci::use(m.id), soci::use(m.organisation_id), soci::use(m.programme_id), soci::use(m.mentor_id),
        soci::use(m.mentee_id), soci::use(m.starts_on), soci::use(m.ends_on), soci::use(m.status),
        soci::use(at), soci::use(m.created_by), soci::use(m.version);
}

std::optional<core::mentorship> mentorship_repository::find(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(columns) + " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_mentorship(r);
    return std::nullopt;
}

bool mentorship_repository::update(core::mentorship const& m, int expected_version)
{
    nullable_int64 ended{m.ended_at};
    int const version = m.version;
    soci::statement st =
        (sql_.prepare << "update mentorship set status = :s, ended_at = :e, version = :v"
                         " where organisation_id = :o and id = :id and version = :x",
         soci::use(m.status),
         soci::use(ended.value, ended.ind),
         soci::use(version),
         soci::use(m.organisation_id),
         soci::use(m.id),
         soci::use(expected_version));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<core::mentorship> mentorship_repository::active_of_mentor(
    std::string const& org, std::string const& mentor_id, core::date_span const& span
)
{
    std::vector<core::mentorship> out;
    query_rows rows{
        sql_,
        std::string(columns) + " where organisation_id = :o and mentor_id = :m and status = 'active'"
                               " and starts_on <= :to and ends_on >= :from order by starts_on, id",
        soci::use(org),
        soci::use(mentor_id),
        soci::use(span.to),
        soci::use(span.from)};
    for (auto const& r : rows)
        out.push_back(to_mentorship(r));
    return out;
}

std::vector<core::mentorship>
mentorship_repository::of_person(std::string const& org, std::string const& employee_id)
{
    std::vector<core::mentorship> out;
    query_rows rows{
        sql_,
        std::string(columns) + " where organisation_id = :o and (mentor_id = :e or mentee_id = :e2)"
                               " order by starts_on desc, id desc",
        soci::use(org),
        soci::use(employee_id),
        soci::use(employee_id)};
    for (auto const& r : rows)
        out.push_back(to_mentorship(r));
    return out;
}

std::vector<std::string> mentorship_repository::mentors(std::string const& org)
{
    std::vector<std::string> out;
    query_rows rows{
        sql_,
        "select distinct mentor_id from mentorship where organisation_id = :o order by mentor_id",
        soci::use(org)};
    for (auto const& r : rows)
        out.push_back(text_at(r, 0));
    return out;
}

std::optional<core::mentorship_meeting>
mentorship_repository::find_meeting(std::string const& org, std::string const& id)
{
    query_rows rows{
        sql_,
        std::string(meeting_columns) + " where organisation_id = :o and id = :id",
        soci::use(org),
        soci::use(id)};
    for (auto const& r : rows)
        return to_meeting(r);
    return std::nullopt;
}

void mentorship_repository::insert_meeting(core::mentorship_meeting const& m)
{
    std::string topics;
    for (auto const& t : m.topics)
        topics += (topics.empty() ? "" : ",") + t;
    long long const at = m.recorded_at;
    sql_ << "insert into mentorship_meeting (id, organisation_id, mentorship_id, met_on, topics, recorded_by,"
            " recorded_at) values (:id, :o, :m, :d, :t, :by, :at)",
        soci::use(m.id), soci::use(m.organisation_id), soci::use(m.mentorship_id), soci::use(m.met_on),
        soci::use(topics), soci::use(m.recorded_by), soci::use(at);
}

std::vector<core::mentorship_meeting>
mentorship_repository::meetings(std::string const& org, std::string const& mentorship_id)
{
    std::vector<core::mentorship_meeting> out;
    query_rows rows{
        sql_,
        std::string(meeting_columns) + " where organisation_id = :o and mentorship_id = :m"
                                       " order by met_on, recorded_at, id",
        soci::use(org),
        soci::use(mentorship_id)};
    for (auto const& r : rows)
        out.push_back(to_meeting(r));
    return out;
}

} // namespace kompetens::storage
