package org.saphan.sandbox.agency;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the police's traffic-fine check (a synchronous check, REST; docs/agency/checks.md);
 * see {@link SignedCheckAgency.Settings} for each.
 *
 * @param signingParty the party whose key signs the answers
 * @param duplicateWindow how long a {@code requestId} is refused again (duration)
 * @param answerValidity {@code validUntil - checkedAt} (duration; the contract's 12 hours)
 * @param logSize how many received queries the control API lists
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.agencies.rtp")
public record RtpProperties(
    @DefaultValue("rtp") @NotBlank String signingParty,
    @DefaultValue("10m") @NotNull Duration duplicateWindow,
    @DefaultValue("12h") @NotNull Duration answerValidity,
    @DefaultValue("1000") @Min(1) int logSize)
    implements SignedCheckAgency.Settings {}
