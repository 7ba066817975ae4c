-- Foundation: node starts, run-once scheduling, and the catalog's service information.

-- One row per hub start: lets operators (and the restart test) see the history of a node.
create table hub_start (
    id          bigserial primary key,
    node_name   text        not null,
    version     text        not null,
    profiles    text        not null,
    started_at  timestamptz not null default now()
);

-- Every run of cluster-wide scheduled work (outbox relay, pollers, probes, batch, SLA checks).
create table scheduled_run (
    id           bigserial primary key,
    job_name     text        not null,
    node_name    text        not null,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    outcome      text check (outcome in ('succeeded', 'failed'))
);
create index scheduled_run_job_started on scheduled_run (job_name, started_at desc);

-- The information a connector publishes about its service (model 0 keeps it current).
create table service_info (
    connector     text        primary key,
    model         smallint    not null check (model between 0 and 4),
    info          jsonb       not null,
    source        text        not null,
    content_hash  text        not null,
    refreshed_at  timestamptz not null,
    changed_at    timestamptz not null
);
