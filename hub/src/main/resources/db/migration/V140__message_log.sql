-- The message log (issue 16): the evidence table becomes the log of every exchange the hub takes
-- part in, each row sealed by its canonical record (the exact UTF-8 JSON text whose SHA-256 the
-- timestamper puts in a manifest), and the manifests form a chain stamped by an RFC 3161 TSA in
-- batches. docs/evidence.md describes the formats; ./saphan evidence verify checks them offline.

-- GDX reads and SSO assertions belong to no application.
alter table evidence alter column application_id drop not null;

alter table evidence
    add column exchange          text,
    add column direction         text check (direction in ('in', 'out')),
    add column connector         text,
    add column consent_record_id uuid,
    add column lawful_basis      text,
    -- the canonical record (docs/evidence.md) and its SHA-256 (lowercase hex)
    add column record            text,
    add column record_sha256     text,
    -- the manifest that lists this record, and the record's 0-based position in it
    add column manifest_id       bigint,
    add column position          integer;

-- Rows written before the message log existed get a record of what they hold, so they are
-- stamped and chained like every later row.
update evidence set record = json_build_object(
        'v', 1,
        'at', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'kind', kind,
        'applicationId', application_id,
        'correlationId', correlation_id,
        'messageId', message_id,
        'outcome', outcome,
        'sha256', payload_sha256,
        'signature', signature,
        'kid', signature_kid,
        'agencyReference', agency_reference,
        'detail', detail)::text
    where record is null;
update evidence set record_sha256 = encode(sha256(convert_to(record, 'UTF8')), 'hex')
    where record_sha256 is null;
alter table evidence alter column record set not null;
alter table evidence alter column record_sha256 set not null;

-- What the timestamper has not sealed yet, in order (one writer: the cluster's timestamper).
create index evidence_unstamped on evidence (id) where manifest_id is null;
create index evidence_in_manifest on evidence (manifest_id, position) where manifest_id is not null;

-- One manifest per timestamping batch: the exact bytes stamped, the previous manifest's hash
-- (the chain), and the TSA's answer once it came.
create table evidence_manifest (
    id               bigint      primary key,
    created_at       timestamptz not null,
    previous_sha256  text        not null,
    manifest         bytea       not null,
    manifest_sha256  text        not null unique,
    records          integer     not null,
    first_record     bigint      not null,
    last_record      bigint      not null,
    tsa_response     bytea,
    tsa_time         timestamptz,
    stamp_attempts   integer     not null default 0,
    last_error       text,
    archive_id       bigint
);
create index evidence_manifest_unstamped on evidence_manifest (id) where tsa_response is null;
create index evidence_manifest_unarchived on evidence_manifest (id) where archive_id is null;

-- Daily archives: each names the previous one's archive-manifest.json digest.
create table evidence_archive (
    id               bigserial   primary key,
    day              date        not null unique,
    file_name        text        not null,
    location         text        not null,
    manifest_sha256  text        not null,
    previous_sha256  text        not null,
    zip_sha256       text        not null,
    first_manifest   bigint,
    last_manifest    bigint,
    records          integer     not null,
    created_at       timestamptz not null
);
