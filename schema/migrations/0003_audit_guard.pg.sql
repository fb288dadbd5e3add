-- The audit trail is append-only: the application cannot change, remove or truncate an entry. Triggers
-- hold even for the table's owner; in production the server also connects as a role that has only
-- INSERT and SELECT on the table (ops/postgresql-roles.md), and PUBLIC gets nothing more.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
revoke update, delete, truncate on audit_event from public;
