-- Identity (login throttling, external identities, refresh tokens, devices, legitimations) and the
-- hash-chained audit trail. Portable text; the guards that make the trail append-only are per dialect
-- in 0003.

alter table account add column failed_logins integer not null default 0;
alter table account add column locked_until bigint not null default 0;
-- An OIDC issuer and subject may map onto an account later; never an e-mail address (security.md §2.2).
alter table account add column external_issuer text;
alter table account add column external_subject text;
create unique index account_external_idx on account (external_issuer, external_subject);
create index account_org_idx on account (organisation_id);

alter table access_token add column device_id text;
alter table access_token add column family_id text not null default '';
create index access_token_family_idx on access_token (family_id);

create table refresh_token (
    digest            text    primary key,
    account_id        text    not null references account(id),
    device_id         text,
    family_id         text    not null,
    created_at        bigint  not null,
    expires_at        bigint  not null,
    family_expires_at bigint  not null,
    used              integer not null default 0 check (used in (0, 1)),
    revoked           integer not null default 0 check (revoked in (0, 1))
);
create index refresh_token_family_idx on refresh_token (family_id);
create index refresh_token_account_idx on refresh_token (account_id);

create table device (
    id                text    primary key,
    organisation_id   text    not null references organisation(id),
    account_id        text    not null references account(id),
    name              text    not null,
    platform          text    not null check (platform in ('android', 'ios', 'other')),
    registered_at     bigint  not null,
    revoked_at        bigint,
    wipe_requested_at bigint
);
create index device_account_idx on device (account_id);

-- A licensed professional's legitimation, as verified by the employer in the national register.
create table legitimation (
    id                text    primary key,
    organisation_id   text    not null references organisation(id),
    employee_id       text    not null references employee(id),
    profession        text    not null check (profession in ('registered_nurse', 'occupational_therapist', 'physiotherapist')),
    registry_ref      text    not null,
    verified_on       text    not null,
    verified_by       text    not null,
    created_at        bigint  not null
);
create index legitimation_employee_idx on legitimation (employee_id);

-- One chain per organisation: seq is gap-free, hash = SHA-256(prev_hash || canonical entry).
create table audit_event (
    organisation_id   text    not null,
    seq               bigint  not null,
    prev_hash         text    not null,
    hash              text    not null,
    occurred_at       bigint  not null,
    actor_account_id  text    not null,
    action            text    not null,
    entity_type       text    not null,
    entity_id         text    not null,
    device_id         text    not null,
    request_id        text    not null,
    primary key (organisation_id, seq)
);
create index audit_event_entity_idx on audit_event (organisation_id, entity_id);
create index audit_event_actor_idx on audit_event (organisation_id, actor_account_id);

-- The last link of each chain, updated with every append under a row lock: it serialises appends per
-- organisation and reveals entries cut from the end.
create table audit_chain_head (
    organisation_id   text    primary key,
    seq               bigint  not null,
    hash              text    not null
);
