package org.saphan.hub.consent;

import java.util.List;

/**
 * What one connector asks the citizen to agree to, in one version: a new purpose, new categories or
 * a new basis is a new version, and consent to an old version does not cover it (PDPA s21).
 *
 * @param id stable agreement id: {@code <connector>}
 * @param version 1, 2, ...
 * @param connector the connector card
 * @param purposeTh the purpose shown to the citizen (Thai)
 * @param purposeEn the purpose in English, where the card gives one
 * @param categories the data categories covered
 * @param recipientAgency the agency that receives the data
 * @param dataProvider where the data comes from ({@code gdx:dopa-linkage}, or {@code citizen})
 * @param lawfulBasis the PDPA basis ({@code consent}, {@code public_task}, ...)
 * @param retentionDays how long the data may be kept by the recipient
 */
public record ConsentAgreement(
    String id,
    int version,
    String connector,
    String purposeTh,
    String purposeEn,
    List<String> categories,
    String recipientAgency,
    String dataProvider,
    String lawfulBasis,
    int retentionDays) {

  /** True unless the basis is one the consent gate uses without consent. */
  public boolean needsConsent() {
    return !ConsentGate.BASES_WITHOUT_CONSENT.contains(lawfulBasis);
  }
}
