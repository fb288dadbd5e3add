-- Requirement rules may be scoped to a held delegation task ("everyone delegated insulin takes the
-- insulin refresher"). SQLite cannot alter a CHECK constraint, and nothing references this table, so it
-- is rebuilt in place.
create table requirement_rule_new (
    id               text    primary key,
    organisation_id  text    not null references organisation(id),
    course_id        text    not null references course(id),
    scope_kind       text    not null check (scope_kind in ('organisation', 'unit_kind', 'unit', 'profession', 'employment_form', 'delegation_task')),
    scope_value      text    not null,
    due_days         integer not null,
    active           integer not null default 1 check (active in (0, 1)),
    created_at       bigint  not null
);
insert into requirement_rule_new select id, organisation_id, course_id, scope_kind, scope_value, due_days, active, created_at from requirement_rule;
drop table requirement_rule;
alter table requirement_rule_new rename to requirement_rule;
create index requirement_rule_org_idx on requirement_rule (organisation_id, active);
