-- Identity: agency role assignments (person <-> agency <-> role). Identity itself is Digital ID's.
create table agency_role_assignment (
    citizen_id   char(13)    not null,
    agency       text        not null,
    -- agency_officer, agency_admin, or a back-office step role named in the agency's cards.
    role         text        not null,
    assigned_by  text        not null,
    assigned_at  timestamptz not null default now(),
    revoked_at   timestamptz,
    revoked_by   text,
    primary key (citizen_id, agency, role)
);
create index agency_role_assignment_agency on agency_role_assignment (agency) where revoked_at is null;
