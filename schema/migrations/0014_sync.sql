-- Offline-first sync (sync/PROTOCOL.md). Devices are the `device` rows of the identity issue; these tables
-- hold what the protocol needs on top of them.

-- One row: the sync epoch (bumped after a restore from backup, so every phone resets and re-pushes what
-- the restore lost), the HMAC key of cookies and leases (shared by every server process on this database;
-- the first server to start fills it in), and the window of schema versions served.
create table sync_meta (
    id                      integer primary key check (id = 1),
    epoch                   bigint  not null,
    secret                  text    not null,
    min_schema              integer not null,
    max_schema              integer not null,
    push_only_below_schema  integer not null
);
insert into sync_meta (id, epoch, secret, min_schema, max_schema, push_only_below_schema)
values (1, 1, '', 1, 1, 1);

-- Per device: what it told us at hello, and the highest cookie order issued (cookies never go back).
create table sync_device_state (
    device_id        text    primary key references device(id),
    app_version      text    not null,
    schema_version   integer not null,
    last_seen_at     bigint  not null,
    clock_skew_ms    bigint,
    max_ord          bigint  not null,
    resets           integer not null,
    reset_day        text    not null
);

-- Upload lanes with gap-free sequence numbers. The row is locked while a mutation of the lane runs.
create table sync_lane (
    device_id  text    not null references device(id),
    lane       text    not null check (lane in ('critical', 'normal')),
    last_seq   bigint  not null,
    primary key (device_id, lane)
);

-- The mutation ledger, written in the transaction of the mutation's effect: duplicates get the stored
-- outcome back. Secrets in the arguments (a password entered to sign) are never stored.
create table sync_mutation (
    device_id        text    not null,
    lane             text    not null,
    seq              bigint  not null,
    mid              text    not null,
    name             text    not null,
    v                integer not null,
    hash             text    not null,
    args             text    not null,
    status           text    not null check (status in ('applied', 'rejected', 'quarantined')),
    code             text    not null,
    field            text    not null,
    message          text    not null,
    result           text    not null,
    account_id       text    not null,
    client_wall_ms   bigint,
    received_at      bigint  not null,
    primary key (device_id, lane, seq)
);
create index sync_mutation_mid_idx on sync_mutation (mid);
create index sync_mutation_quarantine_idx on sync_mutation (status, received_at);

-- Unexpected server errors per mutation, counted in a transaction of their own, so a poison mutation is
-- quarantined after K attempts instead of blocking its lane for ever.
create table sync_mutation_attempt (
    device_id   text    not null,
    lane        text    not null,
    seq         bigint  not null,
    attempts    integer not null,
    last_error  text    not null,
    first_at    bigint  not null,
    last_at     bigint  not null,
    primary key (device_id, lane, seq)
);

-- Client view records: what each pull told a device, as sorted "type|id|version" lines. The last three
-- per device are kept, so a lost pull response can be retried with the previous cookie.
create table sync_cvr (
    id          text    primary key,
    device_id   text    not null,
    ord         bigint  not null,
    entries     text    not null,
    created_at  bigint  not null
);
create index sync_cvr_device_idx on sync_cvr (device_id, ord);

-- Module progress as append-only events from phones (idempotent by the phone's event id); the derived
-- progress is the maximum position, so events arriving late or twice change nothing.
create table module_progress_event (
    id               text    primary key,
    organisation_id  text    not null,
    employee_id      text    not null references employee(id),
    module_id        text    not null references course_module(id),
    position         integer not null check (position between 0 and 100),
    occurred_at      bigint  not null,
    received_at      bigint  not null
);
create index module_progress_event_employee_idx on module_progress_event (employee_id, module_id);

alter table assignment add column acknowledged_at bigint;

-- A health-care task performed under a delegation, recorded by the delegate (usually offline). Always
-- stored, because the care happened; flags say what a reviewer must look at.
create table task_record (
    id                text    primary key,
    organisation_id   text    not null references organisation(id),
    employee_id       text    not null references employee(id),
    decision_id       text    not null,
    task_id           text    not null,
    unit_id           text,
    patient_ref       text,
    occurred_at       bigint  not null,
    received_at       bigint  not null,
    device_id         text,
    lease_expires_at  bigint,
    flags             text    not null
);
create index task_record_employee_idx on task_record (organisation_id, employee_id, occurred_at);
create index task_record_decision_idx on task_record (decision_id);

-- The poke hub reads notifications created in the last minute to tell connected phones to pull now.
create index notification_created_idx on notification (created_at);
