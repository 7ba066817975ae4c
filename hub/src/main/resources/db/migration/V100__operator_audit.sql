-- Issue 12: who did what on the operators' side. Every write on /ops/v1 and every Jolokia (Hawtio)
-- exec or write, allowed or refused, with the token subject, the action, its target, the reason the
-- operator gave (where the call takes one) and the correlation id. Read at GET /ops/v1/audit.
create table operator_audit (
    id             bigserial primary key,
    at             timestamptz not null,
    actor          text        not null,
    channel        text        not null check (channel in ('ops_api', 'jolokia')),
    action         text        not null,
    target         text,
    reason         text,
    outcome        text        not null check (outcome in ('succeeded', 'refused', 'failed')),
    http_status    int,
    correlation_id text
);

create index operator_audit_at on operator_audit (at desc, id desc);
create index operator_audit_actor on operator_audit (actor, at desc);
create index operator_audit_action on operator_audit (action, at desc);
