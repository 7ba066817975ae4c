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

-- The classification's counts and amounts, written by the match in its transaction, so the
-- report does not aggregate a million rows again.
alter table reconciliation_run add column match_totals jsonb;

-- The report and the operators read what did not simply match: a small part of each run.
create index reconciliation_result_unmatched on reconciliation_result (run_id, line_no)
    where classification <> 'matched';
create index reconciliation_order_result_unmatched on reconciliation_order_result (run_id)
    where classification <> 'matched';
