-- Organisations, units, employees and employments: the directory every other capability hangs on.
-- Portable text: runs unchanged on PostgreSQL 15 and SQLite 3.40 (see schema/README.md for the conventions).

create table organisation (
    id          text    primary key,
    name        text    not null,
    kind        text    not null check (kind in ('municipality', 'private_provider', 'region', 'other')),
    time_zone   text    not null,
    created_at  bigint  not null,
    version     integer not null default 1
);

create table unit (
    id              text    primary key,
    organisation_id text    not null references organisation(id),
    parent_id       text    references unit(id),
    name            text    not null,
    kind            text    not null check (kind in ('home_care', 'residential', 'disability_support', 'health_care', 'other')),
    created_at      bigint  not null,
    version         integer not null default 1
);
create index unit_org_idx on unit (organisation_id, id);
create index unit_parent_idx on unit (parent_id);

create table employee (
    id              text    primary key,
    organisation_id text    not null references organisation(id),
    given_name      text    not null,
    family_name     text    not null,
    birth_date      text,
    gender          text    check (gender in ('female', 'male', 'other')),
    external_ref    text,
    created_at      bigint  not null,
    version         integer not null default 1
);
create index employee_org_idx on employee (organisation_id, id);
create unique index employee_external_ref_idx on employee (organisation_id, external_ref);

create table employment (
    id              text    primary key,
    organisation_id text    not null references organisation(id),
    employee_id     text    not null references employee(id),
    profession      text    not null,
    form            text    not null check (form in ('permanent', 'fixed_term', 'hourly', 'substitute', 'apprenticeship')),
    start_date      text    not null,
    end_date        text,
    fte_per_mille   integer not null check (fte_per_mille between 1 and 1000),
    created_at      bigint  not null,
    version         integer not null default 1
);
create index employment_employee_idx on employment (employee_id);
create index employment_org_profession_idx on employment (organisation_id, profession);

create table employment_unit (
    employment_id   text    not null references employment(id),
    unit_id         text    not null references unit(id),
    primary key (employment_id, unit_id)
);
create index employment_unit_unit_idx on employment_unit (unit_id);

create table account (
    id              text    primary key,
    organisation_id text    not null references organisation(id),
    employee_id     text    references employee(id),
    username        text    not null unique,
    password_hash   text    not null,
    roles           text    not null,
    disabled        integer not null default 0 check (disabled in (0, 1)),
    created_at      bigint  not null
);

-- Only the SHA-256 digest of a token is kept: a copy of the database grants no access.
create table access_token (
    digest          text    primary key,
    account_id      text    not null references account(id),
    created_at      bigint  not null,
    expires_at      bigint  not null,
    revoked         integer not null default 0 check (revoked in (0, 1))
);
create index access_token_account_idx on access_token (account_id);

-- Idempotency-Key on creates: the first outcome is stored in the same transaction as the effect, and a
-- retry with the same key and body gets it back instead of creating a second record.
create table idempotency_record (
    account_id      text    not null,
    idem_key        text    not null,
    route           text    not null,
    request_hash    text    not null,
    status          integer not null,
    body            text    not null,
    created_at      bigint  not null,
    primary key (account_id, idem_key)
);
