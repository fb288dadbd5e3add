-- The notification outbox: reminders and notices per recipient, unique per (recipient, dedupe key) so a
-- recompute never repeats one. Ids and kinds only, never names or free text. Webhook delivery state
-- lives on the row: pending -> delivered, or failed after the last attempt.

create table notification (
    id                 text    primary key,
    organisation_id    text    not null references organisation(id),
    recipient_id       text    not null references employee(id),
    kind               text    not null,
    subject_type       text    not null,
    subject_id         text    not null,
    about_employee_id  text    not null,
    on_date            text,
    dedupe_key         text    not null,
    created_at         bigint  not null,
    read_at            bigint,
    webhook_state      text    not null default 'pending' check (webhook_state in ('pending', 'delivered', 'failed')),
    webhook_attempts   integer not null default 0,
    webhook_next_at    bigint  not null default 0,
    unique (organisation_id, recipient_id, dedupe_key)
);
create index notification_recipient_idx on notification (organisation_id, recipient_id, created_at);
create index notification_webhook_idx on notification (webhook_state, webhook_next_at);
