-- The protected title undersköterska (since 2023-07-01): one current status per person, set by HR with
-- the evidence it rests on. The history is the audit chain (every change is an event). The transitional
-- right stops counting after 2033-06-30; that is computed on read, never written by a job.
create table title_status (
    organisation_id text    not null references organisation(id),
    employee_id     text    not null references employee(id),
    status          text    not null check (status in
                        ('none', 'transitional_right', 'certificate_applied', 'granted', 'rejected')),
    evidence        text    not null default '',
    -- Kept when a person with the transitional right applies for the certificate: the right still counts
    -- while the application is open, and after a rejection, until 2033-06-30.
    transitional_evidence text not null default '',
    decided_on      text,
    updated_at      bigint  not null,
    updated_by      text    not null,
    version         integer not null default 1,
    primary key (organisation_id, employee_id)
);
create index title_status_transitional_idx on title_status (organisation_id, transitional_evidence);
