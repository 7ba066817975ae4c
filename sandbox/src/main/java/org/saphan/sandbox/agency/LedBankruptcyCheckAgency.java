package org.saphan.sandbox.agency;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Legal Execution Department's bankruptcy check (docs/agency/checks.md): a synchronous, signed
 * question about one citizen, answered with the register's verdict ({@code status}, and for {@code
 * BANKRUPT} the case) signed by party {@code led}; the rules, the signature and the faults are
 * {@link SignedCheckAgency}'s.
 */
public class LedBankruptcyCheckAgency extends SignedCheckAgency<LedCheckRequest> {

  /** Agency code in control URLs and logs. */
  public static final String AGENCY = "led";

  /** The check path of the wire contract. */
  public static final String PATH = "/agencies/led/v1/bankruptcy-checks";

  /** How long an answer may be relied on (the contract's 24 hours). */
  static final Duration ANSWER_VALIDITY = Duration.ofHours(24);

  private final LedRegister register;

  /**
   * @param settings {@code sandbox.agencies.led.*}
   * @param infrastructure the hub's JWKS, the keys, the JSON configuration, the clock
   * @param register whom LED knows and the bankruptcy cases
   */
  public LedBankruptcyCheckAgency(
      CheckAgencyProperties.Check settings, Infrastructure infrastructure, LedRegister register) {
    super(AGENCY, ANSWER_VALIDITY, LedCheckRequest::parse, settings, infrastructure);
    this.register = Objects.requireNonNull(register, "register");
  }

  @Override
  protected Verdict verdict(LedCheckRequest question, Instant checkedAt) {
    LedRegister.Verdict verdict = register.verdict(question.citizenId());
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("status", verdict.status().name());
    if (verdict.bankruptcyCase() != null) {
      members.put("caseNumber", verdict.bankruptcyCase().caseNumber());
      members.put("court", verdict.bankruptcyCase().court());
      members.put("orderDate", verdict.bankruptcyCase().orderDate());
    }
    return new Verdict(verdict.status().name(), members);
  }
}
