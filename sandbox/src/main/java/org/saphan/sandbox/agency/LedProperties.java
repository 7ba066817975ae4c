package org.saphan.sandbox.agency;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the LED bankruptcy check (a synchronous check, REST; docs/agency/checks.md).
 *
 * @param signingParty the party whose key signs the answers
 * @param duplicateWindow how long a {@code requestId} is remembered and refused again (duration)
 * @param answerValidity how long an answer may be relied on: {@code validUntil - checkedAt}
 *     (duration)
 * @param logSize how many received checks the control API lists (the oldest are dropped)
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.agencies.led")
public record LedProperties(
    @DefaultValue("led") @NotBlank String signingParty,
    @DefaultValue("10m") @NotNull Duration duplicateWindow,
    @DefaultValue("24h") @NotNull Duration answerValidity,
    @DefaultValue("1000") @Min(1) int logSize)
    implements SignedCheckAgency.Settings {}
