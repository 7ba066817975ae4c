-- Service catalog (models 0 and 1): failed pulls keep the last good data, link health, clicks.

-- A failing info source keeps the last good information; the failure is shown next to it.
alter table service_info add column last_error text;
alter table service_info add column last_error_at timestamptz;

-- The last probe of each link-out URL (model 1 and 2 services).
create table link_probe (
    connector     text        primary key,
    url           text        not null,
    status        text        not null check (status in ('UP', 'DOWN', 'REFUSED')),
    http_status   integer,
    latency_ms    bigint,
    detail        text,
    checked_at    timestamptz not null,
    last_up_at    timestamptz
);

-- Clicks on link-outs per service and day: counts only, no personal data.
create table link_click (
    service_id  text   not null,
    day         date   not null,
    clicks      bigint not null,
    primary key (service_id, day)
);
