-- Watching delegations more closely: where the delegator worked when issuing (a later change of unit ends
-- the delegation), tasks whose delegations are suspended (not only flagged) when a prerequisite lapses,
-- and the suspension itself.
alter table delegation_decision add column delegator_unit_ids text not null default '[]';
alter table delegation_decision add column suspended integer not null default 0 check (suspended in (0, 1));
alter table delegation_task add column suspend_on_lapse integer not null default 0 check (suspend_on_lapse in (0, 1));
