-- Nightly reconciliation at a million lines (see batch/README.md).
--
-- The staging table keeps what the job reads (the match, and operators' view of an exception:
-- the payer, when they paid): the other detail fields stay in the settlement file, kept in the
-- inbox (<data-dir>/reconciliation/inbox/<sha256>.txt). Fewer columns to COPY and to scan.
alter table settlement_staging
    drop column seq,
    drop column bank_code,
    drop column company_account,
    drop column ref3,
    drop column txn_code,
    drop column payer_bank;

-- Set by the load on a line whose ref1 an earlier line of the file may have had (a fixed-size
-- Bloom filter over the file's ref1s, in file order: never false for a repeated ref1, rarely true
-- for a new one). Only a hint: the match checks the flagged lines' references exactly, so it finds
-- a file's duplicates without grouping every line. Lines staged before this migration (a failed
-- run whose match is restarted after the upgrade) are all flagged: checked exactly, never missed.
alter table settlement_staging add column repeat_hint boolean not null default true;
alter table settlement_staging alter column repeat_hint set default false;
