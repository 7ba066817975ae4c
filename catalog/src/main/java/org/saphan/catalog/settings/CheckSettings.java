package org.saphan.catalog.settings;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The card's {@code checks}: synchronous check operations the portal asks the agency for a citizen
 * (docs/agency/checks.md), whatever the card's integration model.
 *
 * @param signing how the hub signs its questions ({@code jws})
 * @param trust how the hub verifies the agency's signed answers
 * @param consent the personal data the checks read and share, and the lawful basis
 * @param operations the operations by name
 */
public record CheckSettings(
    ApiSettings.Signing signing,
    ApiSettings.Trust trust,
    ConsentSettings consent,
    Map<String, Operation> operations) {

  public CheckSettings {
    operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
  }

  /** The operation of this name, if the card declares it. */
  public Optional<Operation> operation(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  /**
   * One operation ({@code checks.operations.<name>}).
   *
   * @param transport {@code rest}
   * @param endpoint where the question is POSTed
   * @param mappings the request and response mappings
   * @param minimumIal the lowest identity assurance level accepted, if any
   * @param budgetMillis the whole call's time budget
   * @param answers {@code signed} or {@code unsigned}
   */
  public record Operation(
      String transport,
      URI endpoint,
      Mappings mappings,
      Optional<String> minimumIal,
      int budgetMillis,
      String answers) {

    /** Whether the agency's answers must be signed. */
    public boolean signedAnswers() {
      return !"unsigned".equals(answers);
    }
  }

  /** An operation's {@code mappings}. */
  public record Mappings(String request, String response) {}
}
