-- PDPA consent ledger: agreements, an append-only hash-chained ledger per subject with signed
-- chain heads, and the audit of every consent-gate decision ("who used my data").

-- What a connector asks consent for; a new version whenever purpose, categories or basis change.
create table consent_agreement (
    id               text        not null,
    version          integer     not null,
    connector        text        not null,
    purpose_th       text        not null,
    purpose_en       text,
    categories       text[]      not null,
    recipient_agency text        not null,
    data_provider    text        not null,
    lawful_basis     text        not null,
    retention_days   integer     not null,
    content_hash     text        not null,
    created_at       timestamptz not null default now(),
    primary key (id, version)
);

-- The ledger: grants and withdrawals, never updated, never deleted.
create table consent_record (
    id                 uuid        primary key,
    subject            char(13)    not null,
    seq                bigint      not null,
    kind               text        not null check (kind in ('grant', 'withdraw')),
    agreement_id       text        not null,
    agreement_version  integer     not null,
    categories         text[]      not null,
    refers_to          uuid,
    at                 timestamptz not null,
    expires_at         timestamptz,
    channel            text        not null,
    prev_hash          text        not null,
    record_hash        text        not null,
    signature          text        not null,
    unique (subject, seq)
);
create index consent_record_agreement on consent_record (subject, agreement_id);

-- The signed head of each subject's chain: deleting the latest record is detectable.
create table consent_checkpoint (
    subject     char(13)    primary key,
    seq         bigint      not null,
    head_hash   text        not null,
    signed_at   timestamptz not null,
    signature   text        not null
);

-- Every consent-gate decision and every use of personal data it allowed.
create table data_access (
    id                 bigserial   primary key,
    at                 timestamptz not null default now(),
    subject            char(13)    not null,
    subject_masked     text        not null,
    connector          text        not null,
    agency             text        not null,
    action             text        not null,
    purpose            text        not null,
    categories         text[]      not null,
    lawful_basis       text,
    decision           text        not null check (decision in ('allowed', 'refused')),
    consent_record_id  uuid,
    missing            text[],
    correlation_id     text
);
create index data_access_subject on data_access (subject, at desc);
