package org.saphan.sandbox.digitalid;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * How mock-oauth2-server shapes the tokens of the Digital ID issuer: access tokens for the hub's
 * audience, with the configured lifetime. The persona's own claims arrive through the login (see
 * {@link PersonaLoginHttpServer}), which wraps this callback.
 */
final class PersonaTokenCallback implements OAuth2TokenCallback {

  private final String issuerId;
  private final String audience;
  private final Duration lifetime;

  PersonaTokenCallback(String issuerId, String audience, Duration lifetime) {
    this.issuerId = issuerId;
    this.audience = audience;
    this.lifetime = lifetime;
  }

  @Override
  public String issuerId() {
    return issuerId;
  }

  @Override
  public String subject(TokenRequest tokenRequest) {
    // Only grants without a login (client credentials) get here: the client is the subject.
    ClientID client = tokenRequest.getClientID();
    if (client == null && tokenRequest.getClientAuthentication() != null) {
      client = tokenRequest.getClientAuthentication().getClientID();
    }
    return client == null ? "anonymous" : client.getValue();
  }

  @Override
  public String typeHeader(TokenRequest tokenRequest) {
    return JOSEObjectType.JWT.getType();
  }

  @Override
  public List<String> audience(TokenRequest tokenRequest) {
    return List.of(audience);
  }

  @Override
  public Map<String, Object> addClaims(TokenRequest tokenRequest) {
    return Map.of();
  }

  @Override
  public long tokenExpiry() {
    return lifetime.toSeconds();
  }
}
