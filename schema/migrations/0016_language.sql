-- Language proficiency (research/domain.md §8.1 item 4): assessments per skill on the CEFR scale, the
-- organisation's requirements, and development plans with supports and follow-ups. Restricted data: it
-- can reveal ethnic origin; only the person, their managers and HR read it, and no log carries it.

-- Re-assessment adds a row; the current level of a skill is the latest one.
create table language_assessment (
    id                text    primary key,
    organisation_id   text    not null references organisation(id),
    employee_id       text    not null references employee(id),
    language          text    not null default 'sv',
    skill             text    not null check (skill in ('listening', 'reading', 'speaking', 'writing', 'overall')),
    level             text    not null check (level in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
    method            text    not null check (method in
                          ('test', 'course_grade_swedish', 'course_grade_sva', 'employer_assessment', 'certificate')),
    assessor_id       text    references employee(id),
    assessor_external text,
    assessed_on       text    not null,
    evidence          text    not null default '',
    recorded_at       bigint  not null,
    recorded_by       text    not null
);
create index language_assessment_person_idx on language_assessment (organisation_id, employee_id);

-- One row per organisation once HR changed the default (B2 overall for care work) or added rules.
create table language_setting (
    organisation_id text    primary key references organisation(id),
    default_level   text    check (default_level in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
    updated_at      bigint  not null,
    updated_by      text    not null,
    version         integer not null
);

create table language_requirement (
    organisation_id text not null references organisation(id),
    profession      text not null,
    skill           text not null,
    level           text not null,
    primary key (organisation_id, profession, skill)
);

create table language_plan (
    id                text    primary key,
    organisation_id   text    not null references organisation(id),
    employee_id       text    not null references employee(id),
    state             text    not null check (state in ('active', 'target_reached', 'closed')),
    next_follow_up_on text,
    created_at        bigint  not null,
    created_by        text    not null,
    version           integer not null
);
create index language_plan_person_idx on language_plan (organisation_id, employee_id);

create table language_plan_target (
    plan_id text not null references language_plan(id),
    skill   text not null,
    level   text not null,
    primary key (plan_id, skill)
);

create table language_plan_support (
    plan_id   text    not null references language_plan(id),
    position  integer not null,
    kind      text    not null,
    person_id text    references employee(id),
    primary key (plan_id, position)
);
create index language_plan_support_person_idx on language_plan_support (person_id);

-- Dates and predefined outcomes only: no free-text evaluation of a person's Swedish.
create table language_follow_up (
    id                text   primary key,
    plan_id           text   not null references language_plan(id),
    organisation_id   text   not null references organisation(id),
    held_on           text   not null,
    outcome           text   not null check (outcome in ('on_track', 'behind', 'target_reached', 'plan_changed')),
    next_follow_up_on text,
    recorded_at       bigint not null,
    recorded_by       text   not null
);
create index language_follow_up_plan_idx on language_follow_up (plan_id);
