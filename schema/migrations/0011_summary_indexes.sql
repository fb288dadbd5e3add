-- Indexes in the summary's grouping order, so both databases read the groups off an index instead of
-- sorting 150,000 rows per request (BENCHMARKS.md, B5b).
create index requirement_status_unit_summary_idx
    on requirement_status_unit (organisation_id, unit_id, course_id, state, gender);
create index requirement_status_summary_idx
    on requirement_status (organisation_id, course_id, state, gender);
