-- Mentorship: programmes (new employee, APL, language, leadership, senior knowledge transfer) with the
-- courses a mentor needs, mentor-mentee assignments for a period, and a meeting log of dates and fixed
-- topics (no free-text evaluation).
create table mentorship_programme (
    id              text    primary key,
    organisation_id text    not null references organisation(id),
    name            text    not null,
    kind            text    not null,
    created_at      bigint  not null,
    version         integer not null
);
create index mentorship_programme_org_idx on mentorship_programme (organisation_id);

create table mentorship_programme_course (
    programme_id text not null references mentorship_programme(id),
    course_id    text not null references course(id),
    primary key (programme_id, course_id)
);

create table mentorship (
    id              text    primary key,
    organisation_id text    not null references organisation(id),
    programme_id    text    not null references mentorship_programme(id),
    mentor_id       text    not null references employee(id),
    mentee_id       text    not null references employee(id),
    starts_on       text    not null,
    ends_on         text    not null,
    status          text    not null check (status in ('active', 'ended')),
    created_at      bigint  not null,
    created_by      text    not null,
    ended_at        bigint,
    version         integer not null
);
create index mentorship_mentor_idx on mentorship (organisation_id, mentor_id, status);
create index mentorship_mentee_idx on mentorship (organisation_id, mentee_id, status);

create table mentorship_meeting (
    id              text   primary key, -- chosen by the recording device: a retry is the same meeting
    organisation_id text   not null references organisation(id),
    mentorship_id   text   not null references mentorship(id),
    met_on          text   not null,
    topics          text   not null, -- comma-separated codes from a fixed list
    recorded_by     text   not null,
    recorded_at     bigint not null
);
create index mentorship_meeting_idx on mentorship_meeting (organisation_id, mentorship_id);
