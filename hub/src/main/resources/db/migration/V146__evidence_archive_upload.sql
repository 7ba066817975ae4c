-- Issue 16: the daily evidence archive is copied to the archive SFTP store when
-- saphan.evidence.archive.sftp is enabled (docs/evidence.md). uploaded_at: when the store
-- confirmed it (null: not yet, retried on every run; retention keeps the archive's rows until
-- then); upload_error: why the last try failed, for operators.
alter table evidence_archive
    add column uploaded_at  timestamptz,
    add column upload_error text;
