-- issue 12: a hub key stays published (JWKS) until the last credential it signed has expired,
-- retired or not. Recorded per key, rounded up to the hour, by every node that signs a credential.
alter table signing_key add column last_credential_expiry timestamptz;
