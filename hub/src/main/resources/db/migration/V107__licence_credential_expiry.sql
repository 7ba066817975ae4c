-- issue 12: a licence's credential (JWS) never outlives its signing certificate, so its exp can be
-- earlier than the licence's own expiry; the hub re-signs it with the next key after a rotation.
alter table bo_licence add column credential_expires_at timestamptz;
update bo_licence set credential_expires_at = expires_at;
create index bo_licence_credential_renewal on bo_licence (credential_expires_at)
    where status = 'active' and credential_expires_at is not null;
