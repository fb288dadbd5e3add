-- External certificates (a CPR card, a course diploma): content-addressed by SHA-256 within an
-- organisation, so the same file uploaded twice is stored once. The bytes are kept base64-encoded in the
-- database, inside the same transactions and backups as the records that cite them; size and type are
-- limited at upload (5 MB; PDF, PNG, JPEG).

create table certificate (
    organisation_id  text    not null references organisation(id),
    sha256           text    not null,
    content_type     text    not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes       integer not null,
    uploaded_by      text    not null,
    uploaded_at      bigint  not null,
    data_base64      text    not null,
    primary key (organisation_id, sha256)
);

alter table training_record add column certificate_sha256 text;
