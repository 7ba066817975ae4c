package org.saphan.hub.api.management;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The management port's console (Hawtio, Jolokia): how operators log in and which JMX writes they
 * may make ({@code saphan.management.*}). Whether the console exists at all is Spring's own
 * setting, {@code management.endpoint.hawtio.access} / {@code management.endpoint.jolokia.access}
 * ({@code none} outside the sandbox).
 */
@Validated
@ConfigurationProperties(prefix = "saphan.management")
public class ManagementProperties {

  /** Browser login to the console through the deployment's OIDC provider (Digital ID). */
  @NotNull private Login login = new Login();

  /** Jolokia exec / write allowances. */
  @NotNull private Jolokia jolokia = new Jolokia();

  public Login getLogin() {
    return login;
  }

  public void setLogin(Login login) {
    this.login = login;
  }

  public Jolokia getJolokia() {
    return jolokia;
  }

  public void setJolokia(Jolokia jolokia) {
    this.jolokia = jolokia;
  }

  /** The OIDC client the console logs operators in with; no client id = bearer tokens only. */
  public static class Login {

    /** Client id registered with the OIDC provider for the console; empty = no browser login. */
    private String clientId;

    /** Its secret (from the environment or a secret store, never from a committed file). */
    private String clientSecret;

    /**
     * The provider's authorization endpoint; default {@code <saphan.identity.issuer>/authorize}.
     */
    private URI authorizationUri;

    /** The provider's token endpoint; default {@code <saphan.identity.issuer>/token}. */
    private URI tokenUri;

    /** Scopes asked for at login. */
    @NotEmpty private List<String> scopes = new ArrayList<>(List.of("openid"));

    public String getClientId() {
      return clientId;
    }

    public void setClientId(String clientId) {
      this.clientId = clientId;
    }

    public String getClientSecret() {
      return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
    }

    public URI getAuthorizationUri() {
      return authorizationUri;
    }

    public void setAuthorizationUri(URI authorizationUri) {
      this.authorizationUri = authorizationUri;
    }

    public URI getTokenUri() {
      return tokenUri;
    }

    public void setTokenUri(URI tokenUri) {
      this.tokenUri = tokenUri;
    }

    public List<String> getScopes() {
      return scopes;
    }

    public void setScopes(List<String> scopes) {
      this.scopes = scopes;
    }
  }

  /** JMX writes an operator may make through Jolokia; every other exec or write is refused. */
  public static class Jolokia {

    /**
     * Operations allowed for {@code exec}, each {@code <ObjectName pattern>#<operation>}, e.g.
     * {@code org.apache.camel:type=routes,*#resume}. Empty (the default): no exec at all.
     */
    @NotNull private List<String> allowedOperations = new ArrayList<>();

    /**
     * Attributes allowed for {@code write}, each {@code <ObjectName pattern>#<attribute>}. Empty
     * (the default): no write at all.
     */
    @NotNull private List<String> allowedAttributeWrites = new ArrayList<>();

    /**
     * Operations that only read, allowed for {@code exec} without being audited as changes, each
     * {@code <ObjectName pattern>#<operation>}. Jolokia has no notion of a read-only operation, so
     * the console's route diagram and its counters, which Hawtio fetches with Camel's {@code
     * dump*AsXml} operations, would otherwise be refused (or each look like a change in the audit
     * trail). The default lists Camel's dumps of route definitions and statistics, which hold no
     * message content; the traced-message dumps ({@code dumpTracedMessagesAsXml}, bodies of
     * citizens' applications) are deliberately not in it.
     */
    @NotNull
    private List<String> readOperations =
        new ArrayList<>(
            List.of(
                "org.apache.camel:type=context,*#dumpRoutesAsXml",
                "org.apache.camel:type=context,*#dumpRoutesStatsAsXml",
                "org.apache.camel:type=context,*#dumpStepStatsAsXml",
                "org.apache.camel:type=routes,*#dumpRouteAsXml",
                "org.apache.camel:type=routes,*#dumpRouteStatsAsXml",
                "org.apache.camel:type=routes,*#dumpStepStatsAsXml"));

    public List<String> getReadOperations() {
      return readOperations;
    }

    public void setReadOperations(List<String> readOperations) {
      this.readOperations = readOperations;
    }

    public List<String> getAllowedOperations() {
      return allowedOperations;
    }

    public void setAllowedOperations(List<String> allowedOperations) {
      this.allowedOperations = allowedOperations;
    }

    public List<String> getAllowedAttributeWrites() {
      return allowedAttributeWrites;
    }

    public void setAllowedAttributeWrites(List<String> allowedAttributeWrites) {
      this.allowedAttributeWrites = allowedAttributeWrites;
    }
  }
}
