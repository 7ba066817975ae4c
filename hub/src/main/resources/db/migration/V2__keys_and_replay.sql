-- Keys and signed payloads: the cluster's key registry and the replay store.

-- Public part and status of every hub signing key: every node publishes the same JWKS from here.
create table signing_key (
    kid                text        primary key,
    family             text        not null check (family in ('EC_P256', 'RSA_3072')),
    status             text        not null check (status in ('ACTIVE', 'VERIFY_ONLY', 'RETIRED')),
    -- 0 active, 1 verify-only, 2 retired: a status only moves forward.
    status_rank        smallint    not null,
    not_after          timestamptz not null,
    created_at         timestamptz not null,
    certificate_chain  text        not null,
    registered_by      text        not null,
    updated_at         timestamptz not null default now()
);

-- Message ids (JWS jti, callback ids) already seen, per issuer, until their window expires.
create table replay_guard (
    issuer      text        not null,
    jti         text        not null,
    expires_at  timestamptz not null,
    primary key (issuer, jti)
);
create index replay_guard_expires on replay_guard (expires_at);
