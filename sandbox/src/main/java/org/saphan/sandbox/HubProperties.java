package org.saphan.sandbox;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the hub is, as the simulated parties see it: they call it back and trust it only through
 * its JWKS.
 *
 * @param baseUrl base URL of the hub, e.g. {@code http://localhost:8080}
 * @param issuer {@code iss} of the assertions the hub mints; empty means {@code baseUrl}
 * @param jwksPath path of the hub's JWKS under {@code baseUrl}
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.hub")
public record HubProperties(
    @DefaultValue("http://localhost:8080") @NotBlank String baseUrl,
    @DefaultValue("") String issuer,
    @DefaultValue("/.well-known/jwks.json") @NotBlank String jwksPath) {

  public HubProperties {
    baseUrl = stripTrailingSlash(baseUrl);
    issuer = issuer == null || issuer.isBlank() ? baseUrl : issuer;
  }

  /** The URL of the hub's JWKS. */
  public String jwksUrl() {
    return baseUrl + (jwksPath.startsWith("/") ? jwksPath : "/" + jwksPath);
  }

  private static String stripTrailingSlash(String url) {
    return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
