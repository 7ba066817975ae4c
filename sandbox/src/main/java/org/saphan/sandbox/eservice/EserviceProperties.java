package org.saphan.sandbox.eservice;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the DLT e-service simulator (models 1 and 2).
 *
 * @param audience {@code aud} the hub's SSO assertions must carry
 * @param maxAssertionLifetime longest accepted {@code exp - iat} of an assertion (duration)
 * @param clockSkew tolerance when comparing {@code exp}, {@code iat} and {@code nbf} with the clock
 *     (duration)
 * @param jwksCacheTtl how long the hub's JWKS is cached before it is fetched again (duration)
 * @param jwksMinRefreshInterval at most two JWKS fetches per this interval, so forged key ids
 *     cannot make the simulator hammer the hub; zero turns the limit off (duration)
 * @param jwksTimeout connect and read timeout of a JWKS fetch (duration)
 * @param maxSessions how many logins {@code GET /sandbox/v1/eservice/sessions} remembers
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.eservice")
public record EserviceProperties(
    @DefaultValue("dlt-driving-licence-renewal") @NotBlank String audience,
    @DefaultValue("120s") @NotNull Duration maxAssertionLifetime,
    @DefaultValue("5s") @NotNull Duration clockSkew,
    @DefaultValue("5m") @NotNull Duration jwksCacheTtl,
    @DefaultValue("30s") @NotNull Duration jwksMinRefreshInterval,
    @DefaultValue("2s") @NotNull Duration jwksTimeout,
    @DefaultValue("1000") @Min(1) int maxSessions) {}
