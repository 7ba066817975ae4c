package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.saphan.sandbox.common.HubTrust;
import org.saphan.sandbox.common.PartyKeys;

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

  private final LedRegister register;

  public LedBankruptcyCheckAgency(
      LedProperties properties,
      HubTrust hubTrust,
      PartyKeys keys,
      LedRegister register,
      ObjectMapper json,
      Clock clock) {
    super(AGENCY, properties, hubTrust, keys, json, clock);
    this.register = Objects.requireNonNull(register, "register");
  }

  @Override
  protected LedCheckRequest read(String contentType, byte[] body) {
    return LedCheckRequest.parse(requests, contentType, body);
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
