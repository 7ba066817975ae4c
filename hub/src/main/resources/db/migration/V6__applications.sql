-- Models 3 and 4 share: applications, their timeline, the outbox, idempotency, evidence, dead
-- letters, portal webhooks, and the operators' route switches.

create table application (
    id                text        primary key,
    message_id        uuid        not null unique,
    service_id        text        not null,
    connector         text        not null,
    model             smallint    not null,
    agency            text        not null,
    citizen_id        char(13)    not null,
    status            text        not null,
    body              jsonb       not null,
    prefill           jsonb       not null default '{}'::jsonb,
    agency_reference  text,
    submitted_at      timestamptz not null,
    updated_at        timestamptz not null,
    last_status_at    timestamptz,
    version           integer     not null default 0
);
create index application_citizen on application (citizen_id, submitted_at desc);
create index application_agency on application (agency, status);
create index application_open on application (connector, status)
    where status not in ('approved', 'rejected', 'completed', 'cancelled', 'failed');

-- Every status an application went through, ordered by when it happened at its source.
create table timeline_entry (
    id                  bigserial   primary key,
    application_id      text        not null references application (id),
    status              text        not null,
    source              text        not null,
    agency_status_code  text,
    occurred_at         timestamptz not null,
    recorded_at         timestamptz not null default now(),
    message_id          text,
    note                text,
    detail              jsonb
);
create index timeline_entry_application on timeline_entry (application_id, occurred_at, id);
-- A status message (callback, poll answer) is recorded once, however often it arrives.
create unique index timeline_entry_message on timeline_entry (application_id, message_id)
    where message_id is not null;

-- Deliveries waiting to be published to the broker (transactional outbox).
create table outbox (
    id              bigserial   primary key,
    application_id  text        not null,
    connector       text        not null,
    destination     text        not null,
    message_id      text        not null,
    kind            text        not null default 'delivery',
    created_at      timestamptz not null default now(),
    published_at    timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

-- Idempotency-Key of POST /api/v1/applications, per caller.
create table idempotency_key (
    scope           text        not null,
    key             text        not null,
    request_hash    text        not null,
    state           text        not null check (state in ('in_flight', 'done')),
    application_id  text,
    response_status integer,
    response_body   jsonb,
    locked_until    timestamptz not null,
    created_at      timestamptz not null default now(),
    primary key (scope, key)
);

-- The evidence record of an application: attempts, signatures, acks, status messages, webhooks.
create table evidence (
    id               bigserial   primary key,
    application_id   text        not null,
    correlation_id   text,
    message_id       text,
    kind             text        not null,
    at               timestamptz not null default now(),
    outcome          text,
    payload_sha256   text,
    signature        text,
    signature_kid    text,
    agency_reference text,
    detail           jsonb
);
create index evidence_application on evidence (application_id, at, id);
create index evidence_correlation on evidence (correlation_id) where correlation_id is not null;

-- Delivery attempts per message (the broker redelivers; the count decides when to give up).
create table delivery_attempt (
    message_id      text        primary key,
    application_id  text        not null,
    connector       text        not null,
    attempts        integer     not null,
    last_error_code text,
    last_error      text,
    last_attempt_at timestamptz not null
);

-- What failed for good: visible, filterable and replayable by operators.
create table dead_letter (
    id              bigserial   primary key,
    connector       text        not null,
    application_id  text        not null,
    message_id      text        not null,
    correlation_id  text,
    cause_code      text        not null,
    cause           text        not null,
    attempts        integer     not null,
    failed_at       timestamptz not null default now(),
    state           text        not null default 'open'
                    check (state in ('open', 'replaying', 'replayed', 'discarded')),
    replay_task_id  bigint,
    resolved_at     timestamptz
);
create index dead_letter_open on dead_letter (connector, failed_at desc) where state = 'open';

-- Bulk replays as tracked tasks.
create table replay_task (
    id           bigserial   primary key,
    requested_by text        not null,
    filter       jsonb       not null,
    total        integer     not null,
    done         integer     not null default 0,
    failed       integer     not null default 0,
    state        text        not null default 'running' check (state in ('running', 'finished')),
    created_at   timestamptz not null default now(),
    finished_at  timestamptz
);

-- Status events for the portal: signed, retried, at least once, with every attempt kept.
create table portal_event (
    id              bigserial   primary key,
    event_id        uuid        not null unique,
    application_id  text        not null,
    status          text        not null,
    occurred_at     timestamptz not null,
    payload         jsonb       not null,
    state           text        not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    delivered_at    timestamptz
);
create index portal_event_due on portal_event (next_attempt_at) where state = 'pending';
create table portal_event_attempt (
    id          bigserial   primary key,
    event_id    uuid        not null,
    at          timestamptz not null default now(),
    http_status integer,
    error       text,
    millis      bigint
);

-- Operators' pause switch per route, shared by every node.
create table route_switch (
    route_id    text        primary key,
    paused      boolean     not null,
    changed_by  text        not null,
    changed_at  timestamptz not null default now(),
    reason      text
);
