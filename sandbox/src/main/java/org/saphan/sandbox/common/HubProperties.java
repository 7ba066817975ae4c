package org.saphan.sandbox.common;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the hub is and how far the sandbox trusts it (only through its JWKS).
 *
 * @param baseUrl base URL of the hub: callbacks, notifications and the JWKS go there
 * @param issuer {@code iss} of the assertions the hub mints; empty means {@link #baseUrl}
 * @param jwksCacheTtl how long a fetched JWKS is used before it is fetched again (duration)
 * @param jwksRefreshMinInterval shortest time between two fetches caused by an unknown key id, so a
 *     flood of unknown kids cannot hammer the hub (duration; 0 refetches every time)
 * @param httpTimeout connect and request timeout of calls to the hub (duration)
 * @param clockSkew how far a signature's {@code iat} may be from the sandbox clock (duration)
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.hub")
public record HubProperties(
    @DefaultValue("http://localhost:8080") @NotBlank String baseUrl,
    @DefaultValue("") String issuer,
    @DefaultValue("5m") @NotNull Duration jwksCacheTtl,
    @DefaultValue("5s") @NotNull Duration jwksRefreshMinInterval,
    @DefaultValue("5s") @NotNull Duration httpTimeout,
    @DefaultValue("300s") @NotNull Duration clockSkew) {

  /** The issuer the hub's assertions must carry. */
  public String effectiveIssuer() {
    return issuer == null || issuer.isBlank() ? baseUrl : issuer;
  }

  /** The hub URL for a path such as {@code /.well-known/jwks.json} (no double slash). */
  public URI resolve(String path) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(base + (path.startsWith("/") ? path : "/" + path));
  }
}
