package org.saphan.sandbox.epayment;

import org.saphan.sandbox.ThaiCitizenId;

/**
 * A citizen who pays with a bank app; all data is invented (the personas of {@code CONTRACTS.md}).
 *
 * @param persona the persona name, e.g. {@code citizen-somchai}
 * @param citizenId 13-digit citizen id with a valid check digit
 * @param nameTh Thai full name with title, e.g. {@code นายสมชาย ใจดี}
 * @param nameEn English name
 * @param bankCode the BOT 3-digit code of the payer's bank, e.g. {@code 014}
 */
public record Payer(
    String persona, String citizenId, String nameTh, String nameEn, String bankCode) {

  /** The citizen id as it may appear in logs. */
  public String maskedCitizenId() {
    return ThaiCitizenId.mask(citizenId);
  }

  /** Keeps the citizen id and names out of logs. */
  @Override
  public String toString() {
    return "Payer[" + persona + ", " + maskedCitizenId() + "]";
  }
}
