-- Issue 18: batch agencies' result files. Each manifest the import finds is recorded once, by name:
-- accepted (its lines then applied) or refused whole with the reason (bad signature, another
-- signer, hashes or count that do not match, a duplicate). A duplicate is the same bytes or the
-- same sequence as a file accepted before; a refused file does not count, so the agency can send
-- a corrected file with that sequence.
create table batch_import_file (
    id                 bigserial   primary key,
    connector          text        not null,
    manifest_name      text        not null,
    file_name          text,
    state              text        not null check (state in ('received', 'applied', 'refused')),
    sequence           integer,
    for_sequence       integer,
    sha256             text,
    signature_sha256   text,
    signature_kid      text,
    record_count       integer,
    late               boolean     not null default false,
    refusal_code       text,
    reason             text,
    lines_applied      integer     not null default 0,
    lines_unchanged    integer     not null default 0,
    lines_bad          integer     not null default 0,
    received_at        timestamptz not null,
    applied_at         timestamptz,
    unique (connector, manifest_name)
);

create unique index batch_import_file_bytes on batch_import_file (connector, sha256)
    where state <> 'refused';
create unique index batch_import_file_sequence on batch_import_file (connector, sequence)
    where state <> 'refused';
create index batch_import_file_received on batch_import_file (connector, id)
    where state = 'received';

-- One row per detail line, committed with the status it applied: a line is applied exactly once,
-- whatever crashes or re-runs. outcome: applied (on the timeline), unchanged (a repeat of the
-- current status, or a duplicate) or bad (with the reason: the line is kept, the status is not).
create table batch_import_line (
    file_id            bigint      not null references batch_import_file (id),
    line_number        integer     not null,
    application_id     text,
    outcome            text        not null check (outcome in ('applied', 'unchanged', 'bad')),
    agency_status_code text,
    reason             text,
    primary key (file_id, line_number)
);

create index batch_import_line_bad on batch_import_line (file_id, line_number)
    where outcome = 'bad';

-- An export's first result file, and whether the operators were told it is overdue.
alter table batch_export_file
    add column result_file_id      bigint references batch_import_file (id),
    add column overdue_signalled_at timestamptz;

create index batch_export_file_awaiting on batch_export_file (connector, uploaded_at)
    where state = 'uploaded' and result_file_id is null;
