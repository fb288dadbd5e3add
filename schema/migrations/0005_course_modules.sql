-- Course content: modules (reading, video, quiz, practical), quiz questions with their answer key (kept on
-- the server only), what each person has done in the current cycle, and every quiz attempt.

create table course_module (
    id               text    primary key,
    organisation_id  text    not null references organisation(id),
    course_id        text    not null references course(id),
    position         integer not null,
    kind             text    not null check (kind in ('reading', 'video', 'quiz', 'practical')),
    title            text    not null,
    body             text    not null,
    passing_score    integer,
    created_at       bigint  not null
);
create index course_module_course_idx on course_module (course_id, position);

create table quiz_question (
    module_id        text    not null references course_module(id),
    position         integer not null,
    prompt           text    not null,
    options          text    not null, -- a JSON array of strings
    correct          integer not null,
    primary key (module_id, position)
);

create table module_progress (
    organisation_id  text    not null,
    employee_id      text    not null references employee(id),
    module_id        text    not null references course_module(id),
    course_id        text    not null,
    done_at          bigint  not null,
    primary key (employee_id, module_id)
);
create index module_progress_course_idx on module_progress (employee_id, course_id);

-- Answers are kept (the issue asks for it) but never logged.
create table quiz_attempt (
    id               text    primary key,
    organisation_id  text    not null,
    employee_id      text    not null references employee(id),
    module_id        text    not null references course_module(id),
    answers          text    not null,
    score            integer not null,
    passed           integer not null check (passed in (0, 1)),
    created_at       bigint  not null
);
create index quiz_attempt_employee_idx on quiz_attempt (employee_id, module_id);
