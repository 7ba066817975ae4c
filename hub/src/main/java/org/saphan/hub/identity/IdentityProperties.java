package org.saphan.hub.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The Digital ID the hub trusts and how its tokens are checked ({@code saphan.identity.*}). */
@Validated
@ConfigurationProperties(prefix = "saphan.identity")
public class IdentityProperties {

  /** The Digital ID issuer ({@code iss} of access tokens), e.g. https://connect.egov.go.th. */
  private URI issuer;

  /** The issuer's JWK set; default {@code <issuer>/jwks}. */
  private URI jwksUri;

  /** The issuer's userinfo endpoint; default {@code <issuer>/userinfo}. */
  private URI userinfoUri;

  /** {@code aud} every access token must name: this deployment of the hub. */
  @NotBlank private String audience = "saphan-hub";

  /** Signature algorithms accepted on access tokens ({@code none} and HMAC never are). */
  @NotEmpty private List<String> algorithms = List.of("RS256", "ES256", "PS256");

  /** Tolerance for clock differences on exp / nbf / iat. */
  @NotNull private Duration clockSkew = Duration.ofSeconds(60);

  /** How long the issuer's JWK set is cached before it is fetched again. */
  @NotNull private Duration jwksCacheTtl = Duration.ofMinutes(15);

  /** Timeout of calls to the JWKS and userinfo endpoints. */
  @NotNull private Duration httpTimeout = Duration.ofSeconds(5);

  /** Claim holding the caller's platform roles. */
  @NotBlank private String rolesClaim = "roles";

  /** Role value that makes the caller a portal operator. */
  @NotBlank private String operatorRole = "portal_operator";

  /**
   * Client ids (claim {@code client_id} or {@code azp}, with {@code sub} equal to it) of the portal
   * backend: client-credentials tokens it gets from Digital ID to call the hub on its own behalf.
   */
  @NotNull private List<String> portalClients = List.of("citizen-portal");

  public URI getIssuer() {
    return issuer;
  }

  public void setIssuer(URI issuer) {
    this.issuer = issuer;
  }

  public URI getJwksUri() {
    return jwksUri != null ? jwksUri : issuer == null ? null : URI.create(issuer + "/jwks");
  }

  public void setJwksUri(URI jwksUri) {
    this.jwksUri = jwksUri;
  }

  public URI getUserinfoUri() {
    return userinfoUri != null
        ? userinfoUri
        : issuer == null ? null : URI.create(issuer + "/userinfo");
  }

  public void setUserinfoUri(URI userinfoUri) {
    this.userinfoUri = userinfoUri;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }

  public List<String> getAlgorithms() {
    return algorithms;
  }

  public void setAlgorithms(List<String> algorithms) {
    this.algorithms = algorithms;
  }

  public Duration getClockSkew() {
    return clockSkew;
  }

  public void setClockSkew(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  public Duration getJwksCacheTtl() {
    return jwksCacheTtl;
  }

  public void setJwksCacheTtl(Duration jwksCacheTtl) {
    this.jwksCacheTtl = jwksCacheTtl;
  }

  public Duration getHttpTimeout() {
    return httpTimeout;
  }

  public void setHttpTimeout(Duration httpTimeout) {
    this.httpTimeout = httpTimeout;
  }

  public String getRolesClaim() {
    return rolesClaim;
  }

  public void setRolesClaim(String rolesClaim) {
    this.rolesClaim = rolesClaim;
  }

  public String getOperatorRole() {
    return operatorRole;
  }

  public void setOperatorRole(String operatorRole) {
    this.operatorRole = operatorRole;
  }

  public List<String> getPortalClients() {
    return portalClients;
  }

  public void setPortalClients(List<String> portalClients) {
    this.portalClients = portalClients;
  }
}
