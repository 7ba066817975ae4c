package org.saphan.sandbox.agency;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the synchronous check agencies (docs/agency/checks.md), the same set for each: {@code
 * sandbox.agencies.led.*} (the LED bankruptcy check) and {@code sandbox.agencies.rtp.*} (the
 * police's traffic fines).
 *
 * @param led LED's bankruptcy check
 * @param rtp the police's traffic-fine check
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.agencies")
public record CheckAgencyProperties(
    @Valid @DefaultValue Check led, @Valid @DefaultValue Check rtp) {

  /**
   * One check agency's settings.
   *
   * @param signingParty the party whose key signs the answers (null: the agency code, {@code led}
   *     or {@code rtp})
   * @param duplicateWindow how long a {@code requestId} is remembered and refused again (duration)
   * @param answerValidity how long an answer may be relied on, {@code validUntil - checkedAt}
   *     (duration; null: the contract's, 24 h for LED, 12 h for the police)
   * @param logSize how many received checks the control API lists (the oldest are dropped)
   */
  public record Check(
      String signingParty,
      @DefaultValue("10m") @NotNull Duration duplicateWindow,
      Duration answerValidity,
      @DefaultValue("1000") @Min(1) int logSize) {}
}
