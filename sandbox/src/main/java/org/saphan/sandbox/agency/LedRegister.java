package org.saphan.sandbox.agency;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.saphan.sandbox.digitalid.PersonaCatalog;

/**
 * LED's bankruptcy register as the sandbox plays it: every persona is known and not bankrupt, one
 * documented citizen id ({@value #BANKRUPT_CITIZEN_ID}) is bankrupt with a case, anyone else is not
 * in the register. {@link #agency} makes it the Legal Execution Department's bankruptcy check
 * (docs/agency/checks.md): the verdict ({@code status}, for {@code BANKRUPT} the case) signed by
 * party {@code led}, under the rules of {@link SignedCheckAgency}.
 */
public final class LedRegister {

  /** Agency code in URLs, logs and (unless set) the signing party. */
  public static final String AGENCY = "led";

  /** How long an answer may be relied on (the contract's 24 hours). */
  static final Duration ANSWER_VALIDITY = Duration.ofHours(24);

  /** The sandbox's bankrupt citizen (invented, valid check digit, no persona). */
  public static final String BANKRUPT_CITIZEN_ID = "3100500778896";

  /** LED's verdicts, as the answer's {@code status} names them. */
  public enum Status {
    NOT_BANKRUPT,
    BANKRUPT,
    NOT_FOUND
  }

  /**
   * A bankruptcy case.
   *
   * @param caseNumber the court's case number, e.g. {@code ล.1234/2566}
   * @param court the court
   * @param orderDate the date of the receivership order, {@code YYYY-MM-DD} (CE)
   */
  public record BankruptcyCase(String caseNumber, String court, String orderDate) {}

  /**
   * What the register says of one person.
   *
   * @param status the verdict
   * @param bankruptcyCase the case when {@code BANKRUPT}, else null
   */
  public record Verdict(Status status, BankruptcyCase bankruptcyCase) {}

  private static final Verdict NOT_BANKRUPT = new Verdict(Status.NOT_BANKRUPT, null);
  private static final Verdict NOT_FOUND = new Verdict(Status.NOT_FOUND, null);

  private final Set<String> known;
  private final Map<String, BankruptcyCase> cases;

  /**
   * @param known citizen ids LED knows without a case
   * @param cases citizen ids with their bankruptcy case
   */
  public LedRegister(Set<String> known, Map<String, BankruptcyCase> cases) {
    this.known = Set.copyOf(known);
    this.cases = Map.copyOf(cases);
  }

  /** The sandbox register: the personas not bankrupt, {@link #BANKRUPT_CITIZEN_ID} bankrupt. */
  public static LedRegister sandbox(PersonaCatalog personas) {
    Objects.requireNonNull(personas, "personas");
    return new LedRegister(
        personas.all().stream()
            .map(p -> p.citizenId())
            .filter(id -> !BANKRUPT_CITIZEN_ID.equals(id))
            .collect(java.util.stream.Collectors.toSet()),
        Map.of(
            BANKRUPT_CITIZEN_ID,
            new BankruptcyCase("ล.1234/2566", "ศาลล้มละลายกลาง", "2023-06-15")));
  }

  /** The bankruptcy check answering from this register. */
  public SignedCheckAgency<LedCheckRequest> agency(
      CheckAgencyProperties.Check settings, SignedCheckAgency.Infrastructure infrastructure) {
    return new SignedCheckAgency<>(
        AGENCY, ANSWER_VALIDITY, LedCheckRequest::parse, this::answer, settings, infrastructure);
  }

  /** The answer's {@code status} and, for {@code BANKRUPT}, the case. */
  SignedCheckAgency.Answer answer(LedCheckRequest question) {
    Verdict verdict = verdict(question.citizenId());
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("status", verdict.status().name());
    if (verdict.bankruptcyCase() != null) {
      members.put("caseNumber", verdict.bankruptcyCase().caseNumber());
      members.put("court", verdict.bankruptcyCase().court());
      members.put("orderDate", verdict.bankruptcyCase().orderDate());
    }
    return new SignedCheckAgency.Answer(verdict.status().name(), members);
  }

  /** The register's verdict on a (valid) citizen id. */
  public Verdict verdict(String citizenId) {
    BankruptcyCase found = cases.get(citizenId);
    if (found != null) {
      return new Verdict(Status.BANKRUPT, found);
    }
    return known.contains(citizenId) ? NOT_BANKRUPT : NOT_FOUND;
  }
}
