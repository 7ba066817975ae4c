-- Digital licences issued by the back office, and SLA breaches of models 3 and 4.

-- A signed digital licence (JWS credential); the credential is what holders present and anyone
-- verifies. Revocation is a status here, checked on every verification.
create table bo_licence (
    id                  text        primary key,
    application_id      text        not null unique references application (id),
    connector           text        not null,
    service_id          text        not null,
    agency              text        not null,
    holder_citizen_id   char(13)    not null,
    holder_name         text,
    title_th            text        not null,
    title_en            text,
    issued_at           timestamptz not null,
    expires_at          timestamptz,
    status              text        not null default 'active' check (status in ('active', 'revoked')),
    credential          text        not null,
    kid                 text,
    -- When the portal is told the licence is about to expire (card: backOffice.licence).
    expiry_notice_at    timestamptz,
    expiry_notified_at  timestamptz,
    revoked_at          timestamptz,
    revoked_reason      text
);
create index bo_licence_holder on bo_licence (holder_citizen_id, issued_at desc);
create index bo_licence_expiring on bo_licence (expiry_notice_at)
    where status = 'active' and expiry_notified_at is null and expiry_notice_at is not null;

-- A breach of a service level: a back-office step (model 4) or a whole service (model 3) past its
-- due date. Recorded once, escalated once, resolved when the work is done.
create table sla_breach (
    id              bigserial   primary key,
    kind            text        not null check (kind in ('step', 'service')),
    application_id  text        not null,
    task_id         uuid,
    agency          text        not null,
    connector       text        not null,
    step_id         text,
    due_at          timestamptz not null,
    detected_at     timestamptz not null,
    escalated_at    timestamptz,
    resolved_at     timestamptz
);
create unique index sla_breach_task on sla_breach (task_id) where kind = 'step';
create unique index sla_breach_service on sla_breach (application_id) where kind = 'service';
create index sla_breach_open on sla_breach (agency, detected_at desc) where resolved_at is null;
