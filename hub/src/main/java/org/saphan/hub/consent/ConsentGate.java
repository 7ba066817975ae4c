package org.saphan.hub.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.ConsentSettings;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.Authorisation;

/**
 * The one consent step every route runs before it reads a citizen's data from GDX or shares it with
 * an agency: per data category, a consent grant in force, or another lawful basis the card
 * declares. Every decision, allowed or refused, is audited; refusals name the missing categories
 * and the agreement to ask for.
 */
public class ConsentGate {

  /** What the data is used for. */
  public enum Use {
    /** Read from GDX / Linkage Center to pre-fill a form: under the card's lawful basis. */
    READ_GDX("read_gdx"),
    /** Sent to the agency: under the card's lawful basis. */
    SHARE_WITH_AGENCY("share_agency"),
    /** Released to the agency in a single sign-on assertion (model 2): always needs consent. */
    RELEASE_SSO("release_sso");

    final String action;

    Use(String action) {
      this.action = action;
    }
  }

  /**
   * An allowed decision.
   *
   * @param categories the categories allowed
   * @param lawfulBasis per category, the basis it is allowed on
   * @param consentRecords per category, the consent record (for basis {@code consent})
   */
  public record Decision(
      Set<String> categories, Map<String, String> lawfulBasis, Map<String, UUID> consentRecords) {

    /**
     * What the exchange is authorised by, to bind into it: the consent grant when the categories
     * are allowed on consent (the first grant, as the data-access log names it), else the card's
     * basis; null when no category was decided on.
     */
    public Authorisation authorisation() {
      if (!consentRecords.isEmpty()) {
        return Authorisation.consent(consentRecords.values().iterator().next());
      }
      return lawfulBasis.values().stream().findFirst().map(Authorisation::basis).orElse(null);
    }
  }

  /**
   * The card's own lawful basis when it needs no consent (for an exchange that shares no category
   * the gate decided on, or an application kept from before decisions were), else null: consent is
   * per citizen, never assumed.
   */
  public static Authorisation cardBasis(ConnectorCard card) {
    return needsNoConsent(card, Use.SHARE_WITH_AGENCY)
        ? Authorisation.basis(card.consent().orElseThrow().lawfulBasis())
        : null;
  }

  /**
   * The PDPA s.24 bases under which the hub reads GDX and shares with the agency without asking:
   * the agency's statutory duty (public task, s.24(4); legal obligation, s.24(6)) or a danger to
   * life (vital interest, s.24(2)). A contract, a legitimate interest or research are the agency's
   * own to prove, which the hub cannot do when it reads the DOPA register: those need consent.
   */
  public static final Set<String> BASES_WITHOUT_CONSENT =
      Set.of("public_task", "legal_obligation", "vital_interest");

  private final ConsentAgreements agreements;
  private final ConsentLedger ledger;
  private final DataAccessLog log;

  public ConsentGate(ConsentAgreements agreements, ConsentLedger ledger, DataAccessLog log) {
    this.agreements = agreements;
    this.ledger = ledger;
    this.log = log;
  }

  /**
   * Decides whether {@code categories} of the citizen's data may be used this way for this card.
   *
   * @throws SaphanException {@code consent_required} (403) naming the missing categories and the
   *     agreement to ask for
   */
  public Decision require(String subject, ConnectorCard card, Use use, List<String> categories) {
    Decision decision = decide(subject, card, use, categories);
    Set<String> missing = new LinkedHashSet<>(categories);
    missing.removeAll(decision.categories());
    if (!missing.isEmpty()) {
      ConsentAgreement agreement = agreements.forConnector(card.name()).orElse(null);
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("missingCategories", List.copyOf(missing));
      if (agreement != null) {
        properties.put("agreementId", agreement.id());
        properties.put("agreementVersion", agreement.version());
        properties.put(
            "purpose",
            agreement.purposeEn() == null ? agreement.purposeTh() : agreement.purposeEn());
      }
      throw SaphanException.business(
          ErrorCode.CONSENT_REQUIRED,
          "the citizen has not consented to "
              + missing
              + " for "
              + card.name()
              + "; ask for agreement "
              + (agreement == null ? "(none)" : agreement.id()),
          properties);
    }
    return decision;
  }

  /** True when the card's lawful basis allows this use without the citizen's consent. */
  public static boolean needsNoConsent(ConnectorCard card, Use use) {
    return use != Use.RELEASE_SSO
        && card.consent()
            .map(ConsentSettings::lawfulBasis)
            .filter(BASES_WITHOUT_CONSENT::contains)
            .isPresent();
  }

  /**
   * The categories that are allowed (possibly fewer than asked), audited; never throws for a
   * missing consent. Used where the hub serves what is allowed and leaves the rest out.
   */
  public Decision decide(String subject, ConnectorCard card, Use use, List<String> categories) {
    boolean consentNeeded = !needsNoConsent(card, use);
    Map<String, String> basis = new LinkedHashMap<>();
    Map<String, UUID> records = new LinkedHashMap<>();
    if (!consentNeeded) {
      // a lawful basis other than consent: the card's own, which needsNoConsent has just read
      String cardBasis = card.consent().orElseThrow().lawfulBasis();
      categories.forEach(c -> basis.put(c, cardBasis));
    } else {
      agreements
          .forConnector(card.name())
          .ifPresent(
              agreement -> {
                for (ConsentRecord grant : ledger.activeGrants(subject, agreement)) {
                  for (String category : grant.categories()) {
                    if (categories.contains(category) && !basis.containsKey(category)) {
                      basis.put(category, "consent");
                      records.put(category, grant.id());
                    }
                  }
                }
              });
    }
    List<String> missing = new ArrayList<>(categories);
    missing.removeAll(basis.keySet());
    String purpose = card.consent().map(c -> c.purpose().englishOrThai()).orElse(use.action);
    UUID record = records.values().stream().findFirst().orElse(null);
    String lawfulBasis =
        basis.isEmpty() ? null : String.join(",", new LinkedHashSet<>(basis.values()));
    if (!basis.isEmpty()) {
      log.record(
          subject,
          card.name(),
          card.agencyCode(),
          use.action,
          purpose,
          List.copyOf(basis.keySet()),
          lawfulBasis,
          true,
          record,
          List.of());
    }
    if (!missing.isEmpty()) {
      log.record(
          subject,
          card.name(),
          card.agencyCode(),
          use.action,
          purpose,
          missing,
          null,
          false,
          null,
          missing);
    }
    return new Decision(Set.copyOf(basis.keySet()), basis, records);
  }
}
