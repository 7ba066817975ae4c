-- e-Payment: payment orders (the payment ledger), the gateway's notifications, e-Receipts and the
-- exceptions operators must look at.

create table payment_order (
    id                 text          primary key,
    application_id     text          not null,
    connector          text          not null,
    model              smallint      not null,
    agency             text          not null,
    citizen_id         char(13),
    biller_id          char(15)      not null,
    ref1               text          not null,
    ref2               text,
    amount             numeric(13,2) not null check (amount > 0),
    currency           char(3)       not null default 'THB',
    amount_source      text          not null check (amount_source in ('agency', 'officer', 'card_default')),
    status             text          not null default 'created'
                       check (status in ('created', 'pending', 'paid', 'expired', 'failed', 'refunded')),
    finished           boolean       not null default false,
    qr_payload         text          not null,
    bot_barcode        text          not null,
    message_id         uuid          not null unique,
    created_at         timestamptz   not null,
    expires_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    last_event_at      timestamptz,
    paid_at            timestamptz,
    transaction_id     text,
    bank_ref           text,
    payer_bank         char(3),
    receipt_url        text,
    version            integer       not null default 0
);
-- The bank reports (biller id, ref1): the key of reconciliation and of notifications.
create unique index payment_order_reference on payment_order (biller_id, ref1);
create unique index payment_order_ref1 on payment_order (ref1);
-- At most one order awaiting payment per application.
create unique index payment_order_open on payment_order (application_id)
    where status in ('created', 'pending');
create index payment_order_application on payment_order (application_id, created_at);
create index payment_order_due on payment_order (expires_at) where status in ('created', 'pending');
create index payment_order_paid on payment_order (biller_id, paid_at) where status = 'paid';

-- Every notification the gateway sent, once per notificationId, with what it did.
create table payment_notification (
    notification_id  text          primary key,
    order_id         text,
    transaction_id   text,
    status           text          not null,
    event_at         timestamptz,
    received_at      timestamptz   not null default now(),
    outcome          text          not null
                     check (outcome in ('applied', 'stale', 'refused')),
    error_code       text,
    signer_kid       text,
    body             jsonb         not null
);
create index payment_notification_order on payment_notification (order_id, received_at);

-- The e-Receipt of a paid order as the gateway issued it: verified, or refused with the reason.
create table payment_receipt (
    order_id         text          primary key references payment_order (id),
    transaction_id   text,
    state            text          not null check (state in ('verified', 'refused')),
    reason_code      text,
    reason           text,
    document_id      text,
    grand_total      numeric(13,2),
    signer_subject   text,
    xml              bytea         not null,
    sha256           char(64)      not null,
    fetched_at       timestamptz   not null default now(),
    attempts         integer       not null default 1
);

-- What operators must look at: notifications refused for amount or reference, receipts that do
-- not verify.
create table payment_exception (
    id               bigserial     primary key,
    kind             text          not null,
    order_id         text,
    notification_id  text,
    transaction_id   text,
    code             text          not null,
    message          text          not null,
    detail           jsonb,
    created_at       timestamptz   not null default now(),
    state            text          not null default 'open' check (state in ('open', 'resolved')),
    resolved_by      text,
    resolved_at      timestamptz,
    resolution_note  text
);
create index payment_exception_open on payment_exception (created_at desc) where state = 'open';
create unique index payment_exception_once on payment_exception (kind, notification_id)
    where notification_id is not null;
