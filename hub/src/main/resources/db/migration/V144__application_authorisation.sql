-- Consent bound into the exchange (issue 16, item 4): what authorised sharing the citizen's data
-- with the agency, decided once at intake (the consent gate's share_agency decision), is kept with
-- the application so every delivery and payment notice carries it in its signature and in the
-- message log. Applications taken in before this have none: their deliveries carry the card's
-- lawful basis when it needs no consent (docs/agency/signing.md).
alter table application
    add column lawful_basis      text,
    add column consent_record_id uuid,
    add constraint application_consent_with_basis
        check ((consent_record_id is null) = (lawful_basis is distinct from 'consent'));
