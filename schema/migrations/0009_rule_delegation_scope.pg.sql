-- Requirement rules may be scoped to a held delegation task ("everyone delegated insulin takes the
-- insulin refresher").
alter table requirement_rule drop constraint requirement_rule_scope_kind_check;
alter table requirement_rule add constraint requirement_rule_scope_kind_check
    check (scope_kind in ('organisation', 'unit_kind', 'unit', 'profession', 'employment_form', 'delegation_task'));
