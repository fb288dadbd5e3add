-- Training: a versioned catalogue, requirement rules, assignments, records per cycle, exemptions, and the
-- status of each person against each requirement, maintained incrementally (never computed per page view).

create table course (
    id               text    primary key,
    organisation_id  text    not null references organisation(id),
    code             text    not null,
    title            text    not null,
    kind             text    not null check (kind in ('e_learning', 'classroom', 'external', 'practical', 'exam')),
    provider         text    not null,
    regulatory_basis text    not null,
    status           text    not null check (status in ('draft', 'published', 'retired')),
    created_at       bigint  not null,
    version          integer not null default 1
);
create unique index course_code_idx on course (organisation_id, code);

create table course_version (
    id                  text    primary key,
    course_id           text    not null references course(id),
    organisation_id     text    not null,
    number              integer not null,
    validity_months     integer,
    renewal_window_days integer not null,
    grace_days          integer not null,
    passing_score       integer,
    evidence_type       text    not null,
    published_at        bigint  not null
);
create unique index course_version_number_idx on course_version (course_id, number);

create table requirement_rule (
    id               text    primary key,
    organisation_id  text    not null references organisation(id),
    course_id        text    not null references course(id),
    scope_kind       text    not null check (scope_kind in ('organisation', 'unit_kind', 'unit', 'profession', 'employment_form')),
    scope_value      text    not null,
    due_days         integer not null,
    active           integer not null default 1 check (active in (0, 1)),
    created_at       bigint  not null
);
create index requirement_rule_org_idx on requirement_rule (organisation_id, active);

create table assignment (
    id               text    primary key,
    organisation_id  text    not null references organisation(id),
    employee_id      text    not null references employee(id),
    course_id        text    not null references course(id),
    source           text    not null check (source in ('rule', 'manager')),
    rule_id          text,
    assigned_by      text    not null,
    assigned_at      bigint  not null,
    due_date         text    not null,
    note             text    not null,
    cancelled_at     bigint
);
create index assignment_employee_idx on assignment (organisation_id, employee_id);
-- At most one active assignment per person and course, whatever its source.
create unique index assignment_active_idx on assignment (employee_id, course_id) where cancelled_at is null;

create table training_record (
    id                text    primary key,
    organisation_id   text    not null references organisation(id),
    employee_id       text    not null references employee(id),
    course_id         text    not null references course(id),
    course_version_id text    not null references course_version(id),
    completed_on      text    not null,
    valid_until       text,
    source            text    not null check (source in ('attested', 'self_report', 'external_certificate', 'module')),
    attested          integer not null check (attested in (0, 1)),
    attested_by       text,
    score             integer,
    created_at        bigint  not null
);
create index training_record_employee_idx on training_record (organisation_id, employee_id);

create table exemption (
    id               text    primary key,
    organisation_id  text    not null references organisation(id),
    employee_id      text    not null references employee(id),
    course_id        text    not null references course(id),
    reason           text    not null,
    granted_by       text    not null,
    until_date       text,
    created_at       bigint  not null
);
create index exemption_employee_idx on exemption (organisation_id, employee_id);

create table requirement_status (
    organisation_id  text    not null,
    employee_id      text    not null references employee(id),
    course_id        text    not null references course(id),
    state            text    not null,
    due_date         text,
    valid_until      text,
    primary key (employee_id, course_id)
);
create index requirement_status_org_idx on requirement_status (organisation_id, course_id, state);
