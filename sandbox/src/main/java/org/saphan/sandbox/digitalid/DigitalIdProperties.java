package org.saphan.sandbox.digitalid;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Digital ID stand-in (mock-oauth2-server).
 *
 * @param port TCP port of the OIDC server; 0 picks a free port (read it from {@link
 *     DigitalIdServer#port()})
 * @param bindAddress address the OIDC server listens on; {@code localhost} keeps it on loopback
 * @param publicBaseUrl base URL put in the {@code iss} of tokens minted by the sandbox token
 *     endpoint, e.g. {@code http://sandbox:8091}; empty means {@code http://localhost:<port>}
 * @param issuerId path of the Digital ID issuer: issuer = base URL + "/" + issuerId
 * @param otherIssuerId path of a second, unrelated issuer, for wrong-issuer tests
 * @param audience {@code aud} of access tokens (the hub)
 * @param clientId {@code aud} of ID tokens (the relying party, i.e. the portal)
 * @param tokenLifetime lifetime of tokens when the caller does not ask for another (duration)
 * @param signingAlgorithm JWS algorithm the server signs with: RS256 (default) or ES256
 * @param personas where the persona list is read from (Spring resource location)
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.digital-id")
public record DigitalIdProperties(
    @DefaultValue("8091") @Min(0) @Max(65535) int port,
    @DefaultValue("localhost") @NotBlank String bindAddress,
    @DefaultValue("") String publicBaseUrl,
    @DefaultValue("digitalid") @NotBlank String issuerId,
    @DefaultValue("other-idp") @NotBlank String otherIssuerId,
    @DefaultValue("saphan-hub") @NotBlank String audience,
    @DefaultValue("citizen-portal") @NotBlank String clientId,
    @DefaultValue("1h") @NotNull Duration tokenLifetime,
    @DefaultValue("RS256") @NotBlank String signingAlgorithm,
    @DefaultValue("classpath:personas.json") @NotBlank String personas) {}
