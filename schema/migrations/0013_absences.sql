-- Periods an employee is away (leave of any kind). Deliberately without a reason: sick leave is health
-- data, and the only use here is "away longer than N months ends their delegations".
create table absence (
    id               text    primary key,
    organisation_id  text    not null references organisation(id),
    employee_id      text    not null references employee(id),
    from_date        text    not null,
    to_date          text,
    recorded_by      text    not null,
    created_at       bigint  not null,
    check (to_date is null or to_date >= from_date)
);
create index absence_employee_idx on absence (organisation_id, employee_id);
