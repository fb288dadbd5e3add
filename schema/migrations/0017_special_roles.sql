-- Special roles (fast omsorgskontakt, språkombud, APL-handledare, hygienombud, dokumentationsombud):
-- the organisation's qualification rules (absent: core's defaults) and who holds which role where.
create table special_role_rule (
    organisation_id text    not null references organisation(id),
    role            text    not null,
    requires_title  integer not null default 0,
    language_skill  text    not null default 'overall',
    language_level  text,
    updated_at      bigint  not null,
    updated_by      text    not null,
    version         integer not null,
    primary key (organisation_id, role)
);

create table special_role_rule_course (
    organisation_id text not null,
    role            text not null,
    course_id       text not null references course(id),
    primary key (organisation_id, role, course_id)
);

create table special_role_assignment (
    id              text    primary key,
    organisation_id text    not null references organisation(id),
    employee_id     text    not null references employee(id),
    role            text    not null,
    unit_id         text    not null references unit(id),
    state           text    not null check (state in ('active', 'at_risk', 'ended')),
    missing         text    not null default '', -- comma-separated codes: title, course:<id>, language:<skill>:<level>
    at_risk_since   bigint,
    assigned_at     bigint  not null,
    assigned_by     text    not null,
    ended_at        bigint,
    ended_by        text,
    version         integer not null
);
-- One open holding of a role per person and unit; the history stays.
create unique index special_role_open_idx on special_role_assignment (organisation_id, employee_id, role, unit_id)
    where state <> 'ended';
create index special_role_person_idx on special_role_assignment (organisation_id, employee_id);
create index special_role_unit_idx on special_role_assignment (organisation_id, unit_id, state);
