-- issue 12: a licence's credential (JWS) never outlives its signing certificate, so its exp can be
-- earlier than the licence's own expiry; the hub re-signs it with the next key after a rotation.
alter table bo_licence add column credential_expires_at timestamptz;

-- Licences issued before: their credential counts as ending with its key's certificate (or the
-- licence, if sooner), so the renewal re-signs those that outlive it once a newer key covers longer.
update bo_licence l
   set credential_expires_at = case when l.expires_at is null then k.not_after
                                    else least(l.expires_at, k.not_after) end
  from signing_key k
 where k.kid = l.kid;
update bo_licence set credential_expires_at = expires_at where credential_expires_at is null;

-- Their keys stay published until those credentials end.
update signing_key k
   set last_credential_expiry = s.latest
  from (select kid, max(credential_expires_at) as latest
          from bo_licence where kid is not null group by kid) s
 where s.kid = k.kid
   and (k.last_credential_expiry is null or k.last_credential_expiry < s.latest);

create index bo_licence_credential_renewal on bo_licence (credential_expires_at)
    where status = 'active' and credential_expires_at is not null;
