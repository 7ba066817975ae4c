-- The message log's body mode (issue 16, item 1): a connector whose card says evidence.mode body
-- keeps the exact bytes of its exchanges, encrypted at rest with AES-256-GCM under one data key per
-- citizen. The data key is stored wrapped (RSA-OAEP, SHA-256) by the hub's RSA key of the key store
-- (kek_kid). A PDPA erasure destroys the key: citizen_id and wrapped_key are cleared and erased_at
-- set, so the bodies sealed with it can never be opened again; the records, their hashes and their
-- seals are untouched and still verify. docs/evidence.md describes it.
create table citizen_data_key (
    id           uuid        primary key,
    -- the citizen, until erasure (as application.citizen_id); one live key per citizen
    citizen_id   char(13)    unique,
    wrapped_key  bytea,
    kek_kid      text,
    created_at   timestamptz not null,
    erased_at    timestamptz,
    constraint citizen_data_key_live_or_erased
        check ((erased_at is null) = (citizen_id is not null and wrapped_key is not null
                                      and kek_kid is not null))
);

-- The sealed body (docs/evidence.md: 0x01 || IV || ciphertext || tag, the record's SHA-256 as
-- associated data) and the data key that sealed it. Never part of the canonical record: a record is
-- sealed forever, a body must stay erasable.
alter table evidence
    add column body      bytea,
    add column body_key  uuid references citizen_data_key (id),
    add constraint evidence_body_with_key check ((body is null) = (body_key is null));
