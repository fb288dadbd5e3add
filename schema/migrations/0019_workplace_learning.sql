-- Workplace-based learning (APL, LIA, apprenticeships): education providers and their programmes, learners
-- (external people with minimal data, linked to an employee record if later hired), placements with their
-- supervisor, tripartite meeting, progress notes in fixed fields and hours; the organisation's
-- supervisor-training steps; and capacities per unit and per person.
create table education_provider (
    id              text   primary key,
    organisation_id text   not null references organisation(id),
    name            text   not null,
    kind            text   not null, -- upper_secondary | adult_education | higher_vocational | other
    created_at      bigint not null
);
create index education_provider_org_idx on education_provider (organisation_id);

create table education_programme (
    id              text   primary key,
    organisation_id text   not null references organisation(id),
    provider_id     text   not null references education_provider(id),
    name            text   not null,
    form            text   not null, -- apl | adult_vocational | lia | apprenticeship | validation | internship
    created_at      bigint not null
);
create index education_programme_org_idx on education_programme (organisation_id, provider_id);

create table learner (
    id              text    primary key,
    organisation_id text    not null references organisation(id),
    given_name      text    not null,
    family_name     text    not null,
    programme_id    text    not null references education_programme(id),
    employee_id     text    references employee(id), -- set once, when the learner is hired
    created_at      bigint  not null,
    version         integer not null
);
create index learner_org_idx on learner (organisation_id);
-- A person is one learner at most: hiring links, it never copies.
create unique index learner_employee_idx on learner (organisation_id, employee_id) where employee_id is not null;

create table placement (
    id               text    primary key,
    organisation_id  text    not null references organisation(id),
    learner_id       text    not null references learner(id),
    programme_id     text    not null references education_programme(id),
    form             text    not null,
    unit_id          text    not null references unit(id),
    starts_on        text    not null,
    ends_on          text    not null,
    required_hours   integer,
    required_weeks   integer,
    supervisor_id    text    references employee(id),
    employment_id    text    references employment(id), -- the apprenticeship employment
    status           text    not null check (status in ('requested', 'confirmed', 'ongoing', 'completed', 'cancelled')),
    meeting_planned_on text,
    meeting_held_on  text,
    created_at       bigint  not null,
    created_by       text    not null,
    updated_at       bigint  not null,
    version          integer not null
);
create index placement_unit_idx on placement (organisation_id, unit_id, status);
create index placement_supervisor_idx on placement (organisation_id, supervisor_id, status);
create index placement_learner_idx on placement (organisation_id, learner_id);

-- The supervisor's documentation: one value from a fixed scale per fixed area. Never a grade, never free text.
create table placement_note (
    id              text   primary key,
    organisation_id text   not null references organisation(id),
    placement_id    text   not null references placement(id),
    written_on      text   not null,
    area            text   not null,
    progress        text   not null,
    author_id       text   not null,
    created_at      bigint not null
);
create index placement_note_idx on placement_note (organisation_id, placement_id);

create table placement_hours (
    organisation_id text    not null references organisation(id),
    placement_id    text    not null references placement(id),
    worked_on       text    not null,
    minutes         integer not null check (minutes between 0 and 1440),
    recorded_by     text    not null,
    recorded_at     bigint  not null,
    primary key (placement_id, worked_on)
);

create table placement_policy (
    organisation_id            text    primary key references organisation(id),
    default_supervisor_capacity integer not null,
    default_mentor_capacity    integer not null,
    updated_at                 bigint  not null,
    updated_by                 text    not null,
    version                    integer not null
);

-- Step n of the supervisor training (VO-College steg 1–3) is held when every course of steps 1..n is.
create table supervisor_step_course (
    organisation_id text    not null references organisation(id),
    step            integer not null check (step between 1 and 3),
    course_id       text    not null references course(id),
    primary key (organisation_id, step, course_id)
);

create table unit_placement_capacity (
    organisation_id text    not null references organisation(id),
    unit_id         text    not null references unit(id),
    max_students    integer not null check (max_students >= 0),
    primary key (organisation_id, unit_id)
);

create table employee_capacity (
    organisation_id text    not null references organisation(id),
    employee_id     text    not null references employee(id),
    max_students    integer check (max_students >= 0),
    max_mentees     integer check (max_mentees >= 0),
    primary key (organisation_id, employee_id)
);
