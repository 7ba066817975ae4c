-- Issue 18: batch agencies. An application of a batch card is queued for export by its delivery
-- route (one row, in the route's transaction) instead of an HTTP call; the export job writes the
-- queued rows of a card into one file, stored (with its SHA-256) before upload, and marks them in
-- the transaction that records the file: each application is in exactly one file, or refused with
-- its reason (a value the layout's encoding cannot write).
create table batch_export_file (
    id                 bigserial   primary key,
    connector          text        not null,
    sequence           integer     not null,
    file_name          text        not null,
    state              text        not null check (state in ('stored', 'uploaded')),
    record_count       integer     not null,
    sums               jsonb       not null,
    plain_sha256       text        not null,
    signature_sha256   text        not null,
    signature_kid      text        not null,
    encrypted          boolean     not null,
    upload_name        text        not null,
    upload_sha256      text        not null,
    manifest_sha256    text        not null,
    created_at         timestamptz not null,
    uploaded_at        timestamptz,
    upload_attempts    integer     not null default 0,
    upload_error       text,
    unique (connector, sequence),
    unique (connector, file_name)
);

create table batch_export_item (
    application_id     text        primary key references application (id) on delete cascade,
    connector          text        not null,
    message_id         text        not null,
    record             jsonb       not null,
    queued_at          timestamptz not null,
    file_id            bigint      references batch_export_file (id),
    line_number        integer,
    refused_reason     text
);

create index batch_export_item_queued on batch_export_item (connector, queued_at)
    where file_id is null and refused_reason is null;
create index batch_export_item_file on batch_export_item (file_id);
create index batch_export_file_stored on batch_export_file (connector, sequence)
    where state = 'stored';
