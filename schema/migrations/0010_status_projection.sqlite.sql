-- The organisation summary reads one table per level instead of joining the status table with
-- employments, units and employees (BENCHMARKS.md, B5b): the engine keeps each person's gender beside
-- their status rows, and one row per (status row × current unit) in requirement_status_unit, rewritten
-- whenever it recomputes the person (every change, and the daily sweep as employments start and end).
alter table requirement_status add column gender text not null default '';
update requirement_status set gender = coalesce((select e.gender from employee e where e.id = requirement_status.employee_id), '');

create table requirement_status_unit (
    organisation_id  text not null,
    employee_id      text not null references employee(id),
    course_id        text not null,
    unit_id          text not null,
    state            text not null,
    gender           text not null,
    primary key (employee_id, course_id, unit_id)
);
create index requirement_status_unit_org_idx on requirement_status_unit (organisation_id);

insert into requirement_status_unit (organisation_id, employee_id, course_id, unit_id, state, gender)
select distinct s.organisation_id, s.employee_id, s.course_id, mu.unit_id, s.state, s.gender
from requirement_status s
join employment m on m.employee_id = s.employee_id
join employment_unit mu on mu.employment_id = m.id
where m.start_date <= date('now') and (m.end_date is null or m.end_date >= date('now'));
