-- Delegations of health-care tasks: the catalogue, decisions (never deleted), the units of each
-- decision's scope (for unit queries), an append-only event log per decision, and follow-ups.
-- Lists that are only ever read whole (professions, prerequisites, task ids) are JSON text.

create table delegation_task (
    id                     text    primary key,
    organisation_id        text    not null references organisation(id),
    code                   text    not null,
    name                   text    not null,
    category               text    not null,
    tier                   text    not null check (tier in ('simple', 'basic', 'advanced')),
    delegator_professions  text    not null,
    prerequisite_courses   text    not null,
    prerequisite_tasks     text    not null,
    min_days_in_unit       integer not null,
    min_language_level     text,
    max_validity_months    integer not null check (max_validity_months between 1 and 12),
    allowed_scopes         text    not null,
    risk_class             text    not null check (risk_class in ('low', 'medium', 'high')),
    active                 integer not null default 1 check (active in (0, 1)),
    created_at             bigint  not null,
    unique (organisation_id, code)
);

create table delegation_decision (
    id                       text    primary key,
    organisation_id          text    not null references organisation(id),
    delegator_id             text    not null references employee(id),
    delegator_profession     text    not null,
    legitimation_id          text    not null references legitimation(id),
    delegate_id              text    not null references employee(id),
    task_ids                 text    not null,
    scope_kind               text    not null check (scope_kind in ('unit', 'area', 'patient')),
    unit_ids                 text    not null,
    patient_ref              text,
    valid_from               text    not null,
    valid_to                 text    not null,
    single_occasion          integer not null check (single_occasion in (0, 1)),
    state                    text    not null check (state in ('draft', 'awaiting_signatures', 'active', 'rejected',
                                                                'expired', 'revoked', 'terminated', 'superseded')),
    renews_id                text    references delegation_decision(id),
    prerequisite_snapshot    text    not null,
    delegator_sign_method    text,
    delegator_signed_at      bigint,
    delegate_sign_method     text,
    delegate_signed_at       bigint,
    self_assessment_confirmed integer not null check (self_assessment_confirmed in (0, 1)),
    activated_at             bigint,
    ended_at                 bigint,
    end_reason               text    not null,
    ended_by                 text,
    at_risk                  integer not null check (at_risk in (0, 1)),
    at_risk_reason           text    not null,
    created_at               bigint  not null,
    version                  integer not null,
    check (valid_to >= valid_from),
    check (delegator_id <> delegate_id),
    -- Active means both signatures: the database refuses anything else.
    check (state <> 'active' or (delegator_signed_at is not null and delegate_signed_at is not null
                                 and activated_at is not null and self_assessment_confirmed = 1))
);
create index delegation_delegate_idx on delegation_decision (organisation_id, delegate_id);
create index delegation_delegator_idx on delegation_decision (organisation_id, delegator_id);
create index delegation_state_idx on delegation_decision (organisation_id, state);

create table delegation_scope_unit (
    decision_id  text not null references delegation_decision(id),
    unit_id      text not null references unit(id),
    primary key (decision_id, unit_id)
);
create index delegation_scope_unit_idx on delegation_scope_unit (unit_id);

create table delegation_event (
    id               text    primary key,
    organisation_id  text    not null,
    decision_id      text    not null references delegation_decision(id),
    kind             text    not null,
    actor            text    not null,
    at               bigint  not null,
    state_after      text    not null,
    detail           text    not null
);
create index delegation_event_decision_idx on delegation_event (decision_id, at);

create table delegation_follow_up (
    id               text    primary key,
    organisation_id  text    not null,
    decision_id      text    not null references delegation_decision(id),
    by_account       text    not null,
    on_date          text    not null,
    outcome          text    not null check (outcome in ('continue', 'retrain', 'revoke')),
    observation      text    not null,
    next_due         text,
    created_at       bigint  not null
);
create index delegation_follow_up_decision_idx on delegation_follow_up (decision_id);
