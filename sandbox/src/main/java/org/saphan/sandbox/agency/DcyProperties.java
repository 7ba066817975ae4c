package org.saphan.sandbox.agency;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the DCY newborn grant agency (model 3, REST).
 *
 * @param apiKey the {@code X-Api-Key} the hub must send (a sandbox value, not a secret)
 * @param signingParty the party whose key signs status callbacks
 * @param maxReceipts how many message ids (and their registrations) are remembered; older ones are
 *     forgotten so a benchmark cannot exhaust memory
 * @param autoProgress status callbacks sent by themselves after each new registration
 * @param callback delivery of status callbacks to the hub
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.agencies.dcy")
public record DcyProperties(
    @DefaultValue("sandbox-dcy-newborn-grant-key") @NotBlank String apiKey,
    @DefaultValue("agency-rest") @NotBlank String signingParty,
    @DefaultValue("50000") @Min(1) int maxReceipts,
    @DefaultValue @Valid @NotNull AutoProgress autoProgress,
    @DefaultValue @Valid @NotNull Callback callback) {

  /**
   * Auto-progress: after a new registration, send status 20 (in review), then 40 (approved).
   *
   * @param enabled whether it is on at start (the control API can switch it)
   * @param stepDelay time before each of the two callbacks (duration)
   */
  public record AutoProgress(
      @DefaultValue("false") boolean enabled, @DefaultValue("2s") @NotNull Duration stepDelay) {}

  /**
   * Status callback delivery: retried with exponential backoff until the hub answers 2xx or 4xx.
   *
   * @param initialBackoff wait before the first retry (duration)
   * @param maxBackoff longest wait between two attempts (duration)
   * @param maxAttempts attempts before giving up on one callback
   * @param timeout request timeout of one attempt (duration)
   * @param logSize how many callbacks the control API lists (the oldest are dropped)
   */
  public record Callback(
      @DefaultValue("500ms") @NotNull Duration initialBackoff,
      @DefaultValue("30s") @NotNull Duration maxBackoff,
      @DefaultValue("50") @Min(1) int maxAttempts,
      @DefaultValue("10s") @NotNull Duration timeout,
      @DefaultValue("1000") @Min(1) int logSize) {}
}
