-- The message log of every exchange (issue 16, part 1): operators look up what one connector
-- exchanged in a time window, records without an application (GDX reads, SSO assertions) too.
create index evidence_connector_at on evidence (connector, at) where connector is not null;
