-- Model 4, the hosted back office: cases and their tasks (the state machine lives here, not in a
-- route), correspondence with the citizen, work events for the model-4 route, officers'
-- notifications, and the audit of every officer and admin action.

-- One case per model-4 application, opened when the route takes the application's message.
create table bo_case (
    application_id  text        primary key references application (id),
    message_id      text        not null unique,
    connector       text        not null,
    agency          text        not null,
    citizen_id      char(13)    not null,
    state           text        not null default 'open'
                    check (state in ('open', 'completed', 'rejected', 'cancelled')),
    -- Index of the stage being worked (a stage is one step, or neighbouring parallel steps).
    stage           integer     not null default 0,
    -- The form as corrected by the citizen's replies (null: the form of the application).
    current_form    jsonb,
    fee_amount      numeric(12, 2),
    fee_currency    text,
    fee_state       text        check (fee_state in ('required', 'paid')),
    opened_at       timestamptz not null,
    due_at          timestamptz,
    closed_at       timestamptz,
    closing_reason  text,
    version         integer     not null default 0
);
create index bo_case_agency on bo_case (agency, state);

-- One task per step of a case, created when its stage starts.
create table bo_task (
    id                uuid        primary key,
    application_id    text        not null references bo_case (application_id),
    agency            text        not null,
    connector         text        not null,
    step_id           text        not null,
    step_index        integer     not null,
    stage             integer     not null,
    role              text        not null,
    state             text        not null
                      check (state in ('open', 'claimed', 'awaiting_correction', 'awaiting_payment',
                                       'done', 'cancelled')),
    assignee          char(13),
    outcome           text,
    reason            text,
    sla_working_days  integer     not null,
    activated_at      timestamptz not null,
    -- When the step's clock (re)started: activation, or the citizen's answer to a correction.
    clock_started_at  timestamptz not null,
    due_at            timestamptz not null,
    claimed_at        timestamptz,
    waiting_since     timestamptz,
    decided_at        timestamptz,
    decided_by        char(13),
    version           integer     not null default 0,
    unique (application_id, step_id)
);
create index bo_task_queue on bo_task (agency, state, due_at);
create index bo_task_assignee on bo_task (assignee) where assignee is not null;

-- Letters between the agency and the citizen: correction requests and the citizen's replies.
create table bo_correspondence (
    id              uuid        primary key,
    application_id  text        not null references bo_case (application_id),
    task_id         uuid        references bo_task (id),
    direction       text        not null check (direction in ('to_citizen', 'from_citizen')),
    -- Masked: who wrote it is an officer (agency side) or the applicant.
    author_masked   text        not null,
    message         text        not null,
    -- Request: the fields and documents asked for; reply: the form changes and documents sent.
    fields          jsonb,
    documents       jsonb,
    form            jsonb,
    in_reply_to     uuid        references bo_correspondence (id),
    created_at      timestamptz not null,
    answered_at     timestamptz
);
create index bo_correspondence_case on bo_correspondence (application_id, created_at);

-- Work for the model-4 route (published through the outbox): notifications, escalations, licence
-- issuance. Handled once; the payload never carries personal data.
create table bo_event (
    id              uuid        primary key,
    application_id  text        not null,
    connector       text        not null,
    kind            text        not null,
    payload         jsonb       not null,
    created_at      timestamptz not null default now(),
    -- Last time it was put on the outbox (a sweep puts back what was not handled in time).
    queued_at       timestamptz not null default now(),
    handled_at      timestamptz,
    attempts        integer     not null default 0,
    last_error      text
);
create index bo_event_unhandled on bo_event (queued_at) where handled_at is null;

-- What officers and admins are told: to a person, or to every holder of a role in an agency.
create table bo_notification (
    id              bigserial   primary key,
    agency          text        not null,
    recipient       char(13),
    recipient_role  text,
    kind            text        not null,
    application_id  text,
    task_id         uuid,
    message         text        not null,
    created_at      timestamptz not null default now(),
    read_at         timestamptz,
    check (recipient is not null or recipient_role is not null)
);
create index bo_notification_agency on bo_notification (agency, created_at desc);

-- Every officer and admin action, allowed or refused: who (masked), what, when, on what, outcome.
create table bo_audit (
    id              bigserial   primary key,
    at              timestamptz not null,
    actor_masked    text        not null,
    actor_kind      text        not null
                    check (actor_kind in ('officer', 'admin', 'citizen', 'operator', 'system')),
    agency          text,
    action          text        not null,
    application_id  text,
    task_id         uuid,
    target_masked   text,
    outcome         text        not null check (outcome in ('succeeded', 'refused')),
    error_code      text,
    detail          jsonb,
    correlation_id  text
);
create index bo_audit_agency on bo_audit (agency, at desc);
create index bo_audit_case on bo_audit (application_id, at) where application_id is not null;
