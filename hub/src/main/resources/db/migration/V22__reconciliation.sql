-- Nightly e-Payment reconciliation: one run per settlement file (its SHA-256 is the Spring Batch
-- job instance; run id = job instance id), the file's lines staged by COPY, the bad lines, the
-- classification of every line and every order, and the exceptions operators resolve.

create table reconciliation_run (
    id                    bigint        primary key,
    file_sha256           char(64)      not null unique,
    file_name             text          not null,
    source                text          not null,
    biller_id             text,
    billers               text[],
    status                text          not null default 'running'
                          check (status in ('running', 'completed', 'failed')),
    settlement_date       date,
    bank_code             text,
    company_account       text,
    lines_read            bigint,
    details_staged        bigint,
    bad_lines             bigint,
    file_problems         bigint,
    trailer_credit_count  bigint,
    trailer_credit_total  numeric(15,2),
    trailer_verified      boolean,
    started_at            timestamptz   not null default now(),
    finished_at           timestamptz,
    job_execution_id      bigint,
    attempts              integer       not null default 1,
    report_dir            text,
    summary               jsonb
);
create index reconciliation_run_recent on reconciliation_run (started_at desc);

-- The good detail lines of a run's file. The primary key makes double counting impossible: a
-- restarted load first deletes its own run's rows.
create table settlement_staging (
    run_id          bigint         not null,
    line_no         bigint         not null,
    seq             bigint         not null,
    bank_code       text           not null,
    company_account text           not null,
    payment_date    date           not null,
    payment_time    time           not null,
    customer_name   text           not null,
    ref1            text           not null,
    ref2            text           not null,
    ref3            text           not null,
    kind            char(1)        not null,
    txn_code        text           not null,
    amount          numeric(13,2)  not null,
    biller_id       text           not null,
    payer_bank      text           not null,
    primary key (run_id, line_no)
);

-- Lines that did not become a good record, and problems of the file as a whole, by line number.
create table reconciliation_bad_line (
    run_id       bigint   not null,
    line_no      bigint   not null,
    record_type  text     not null,
    problem      text     not null,
    file_level   boolean  not null,
    reason       text     not null,
    primary key (run_id, line_no, problem)
);

-- Every detail line, classified against the payment ledger.
create table reconciliation_result (
    run_id          bigint         not null,
    line_no         bigint         not null,
    order_id        text,
    biller_id       text           not null,
    ref1            text           not null,
    ref2            text           not null,
    kind            char(1)        not null,
    bank_amount     numeric(13,2)  not null,
    ledger_amount   numeric(13,2),
    ledger_status   text,
    classification  text           not null check (classification in
                    ('matched', 'amount_mismatch', 'unknown_reference', 'duplicate')),
    primary key (run_id, line_no)
);

-- Every order the file reached or should have reached.
create table reconciliation_order_result (
    run_id          bigint         not null,
    order_id        text           not null,
    biller_id       text           not null,
    ref1            text           not null,
    ledger_amount   numeric(13,2)  not null,
    bank_amount     numeric(15,2),
    lines           integer        not null,
    first_line      bigint,
    classification  text           not null check (classification in
                    ('matched', 'amount_mismatch', 'missing_at_bank', 'duplicate')),
    primary key (run_id, order_id)
);

-- Which run's settlement file carried each order's money (insert-only: cheaper than updating the
-- wide, indexed payment_order rows). A later line for the same order is a duplicate.
create table order_settlement (
    order_id    text    primary key,
    run_id      bigint  not null
);

-- The operators' queue: every line or order that did not simply match.
create table reconciliation_exception (
    id              bigserial      primary key,
    run_id          bigint         not null,
    classification  text           not null,
    line_no         bigint,
    order_id        text,
    biller_id       text           not null,
    ref1            text           not null,
    bank_amount     numeric(15,2),
    ledger_amount   numeric(13,2),
    state           text           not null default 'open' check (state in ('open', 'resolved')),
    created_at      timestamptz    not null default now(),
    resolved_by     text,
    resolved_at     timestamptz,
    resolution_note text
);
create unique index reconciliation_exception_line on reconciliation_exception (run_id, line_no)
    where line_no is not null;
create unique index reconciliation_exception_order on reconciliation_exception (run_id, order_id)
    where line_no is null;
create index reconciliation_exception_open on reconciliation_exception (run_id, id)
    where state = 'open';
