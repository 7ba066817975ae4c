package org.saphan.hub.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.SsoSettings;
import org.saphan.hub.consent.ConsentAgreement;
import org.saphan.hub.consent.ConsentAgreements;
import org.saphan.hub.consent.ConsentLedger;
import org.saphan.hub.consent.ConsentRecord;
import org.saphan.hub.consent.DataAccessLog;
import org.saphan.hub.identity.Caller;

/**
 * Which of the citizen's claims leave the hub in a model-2 assertion: the card's {@code sso.claims}
 * that the citizen has, minus what the citizen withheld. A citizen who never chose releases what
 * the card lists (signing in is their request); one who granted part of the agreement releases that
 * part; one who withdrew releases nothing. Every release is audited.
 */
public class ClaimRelease {

  private final ConsentAgreements agreements;
  private final ConsentLedger ledger;
  private final DataAccessLog log;

  public ClaimRelease(ConsentAgreements agreements, ConsentLedger ledger, DataAccessLog log) {
    this.agreements = agreements;
    this.ledger = ledger;
    this.log = log;
  }

  /**
   * What leaves the hub, and on which ground.
   *
   * @param claims the claims released, by name
   * @param consentRecord the consent record that allowed them, or null
   * @param lawfulBasis {@code consent}, or {@code citizen_request} for a citizen who never chose
   */
  public record Release(
      Map<String, Object> claims, java.util.UUID consentRecord, String lawfulBasis) {}

  /** The claims to release for this citizen to this card's agency. */
  public Release claimsFor(Caller caller, ConnectorCard card) {
    List<String> allowed = new ArrayList<>(card.sso().map(SsoSettings::claims).orElse(List.of()));
    allowed.retainAll(SsoAssertions.RELEASABLE);
    Optional<ConsentAgreement> agreement = agreements.forConnector(card.name());
    java.util.UUID record = null;
    if (agreement.isPresent()) {
      boolean chose =
          ledger.history(caller.citizenId()).stream()
              .anyMatch(r -> r.agreementId().equals(agreement.get().id()));
      if (chose) {
        List<ConsentRecord> active = ledger.activeGrants(caller.citizenId(), agreement.get());
        List<String> granted = new ArrayList<>();
        active.forEach(grant -> granted.addAll(grant.categories()));
        allowed.retainAll(granted);
        record = active.isEmpty() ? null : active.get(0).id();
      }
    }
    Map<String, Object> released = new LinkedHashMap<>();
    for (String claim : allowed) {
      caller.claim(claim).ifPresent(value -> released.put(claim, value));
    }
    String basis = record == null ? "citizen_request" : "consent";
    if (!released.isEmpty()) {
      log.record(
          caller.citizenId(),
          card.name(),
          card.agencyCode(),
          "release_sso",
          "single sign-on to " + card.sso().orElseThrow().audience(),
          List.copyOf(released.keySet()),
          basis,
          true,
          record,
          List.of());
    }
    return new Release(released, record, basis);
  }
}
