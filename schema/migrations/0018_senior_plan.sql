-- Senior plans (extended careers): one per person, read by the person and HR only. Measures are the
-- person's wishes and what was agreed with HR, each a predefined kind with dates.
create table senior_plan (
    organisation_id text    not null references organisation(id),
    employee_id     text    not null references employee(id),
    planned_exit_on text,
    review_on       text,
    updated_at      bigint  not null,
    updated_by      text    not null,
    version         integer not null,
    primary key (organisation_id, employee_id)
);

create table senior_measure (
    organisation_id text    not null,
    employee_id     text    not null,
    list            text    not null check (list in ('wish', 'agreed')),
    position        integer not null,
    kind            text    not null,
    from_date       text,
    to_date         text,
    fte_per_mille   integer,
    primary key (organisation_id, employee_id, list, position),
    foreign key (organisation_id, employee_id) references senior_plan (organisation_id, employee_id)
);
