package org.saphan.sandbox.digitalid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import no.nav.security.mock.oauth2.extensions.HttpUrlExtensionsKt;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.KeyProvider;
import okhttp3.Headers;

/**
 * The userinfo endpoint of the Digital ID issuer. mock-oauth2-server's own userinfo only echoes the
 * token's claims; this one answers the persona's full claims, so {@code citizen_id} and {@code
 * ial_level} are there even for personas that do not carry them in the token (as on the real
 * Digital ID). Tokens of unknown subjects get their own claims echoed.
 */
final class PersonaUserInfoRoute implements Route {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REGISTERED =
      Set.of("iss", "aud", "exp", "nbf", "iat", "jti", "azp", "nonce", "tid");

  /** Tolerated clock difference with the token's issuer, in seconds (both are this process). */
  private static final int CLOCK_SKEW_SECONDS = 5;

  private final String issuerId;
  private final PersonaCatalog personas;
  private final KeyProvider keys;
  private final Supplier<String> configuredIssuer;

  PersonaUserInfoRoute(
      String issuerId, PersonaCatalog personas, KeyProvider keys, Supplier<String> issuer) {
    this.issuerId = issuerId;
    this.personas = personas;
    this.keys = keys;
    this.configuredIssuer = issuer;
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    return HttpUrlExtensionsKt.isUserInfoUrl(request.getUrl())
        && issuerId.equals(HttpUrlExtensionsKt.issuerId(request.getUrl()));
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    String token = bearer(request.getHeaders().get("Authorization"));
    if (token == null) {
      return invalidToken("missing bearer token");
    }
    JWTClaimsSet claims;
    try {
      claims = verify(token);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      return invalidToken("token not valid: " + e.getMessage());
    }
    String requestIssuer = HttpUrlExtensionsKt.toIssuerUrl(request.getUrl()).toString();
    if (!requestIssuer.equals(claims.getIssuer())
        && !configuredIssuer.get().equals(claims.getIssuer())) {
      return invalidToken("token from another issuer");
    }
    Map<String, Object> answer =
        personas
            .bySub(claims.getSubject())
            .map(Persona::userinfoClaims)
            .orElseGet(() -> echo(claims));
    return json(200, Headers.of("Content-Type", "application/json;charset=UTF-8"), answer);
  }

  private JWTClaimsSet verify(String token) throws ParseException, BadJOSEException, JOSEException {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            keys.algorithm(),
            new ImmutableJWKSet<>(new JWKSet(keys.signingKey(issuerId).toPublicJWK()))));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp"));
    claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
    return processor.process(token, null);
  }

  private static Map<String, Object> echo(JWTClaimsSet claims) {
    Map<String, Object> answer = new LinkedHashMap<>(claims.toJSONObject());
    answer.keySet().removeAll(REGISTERED);
    return answer;
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  // RFC 6750 §3: the error goes in WWW-Authenticate and in the body.
  private static OAuth2HttpResponse invalidToken(String description) {
    return json(
        401,
        Headers.of(
            "Content-Type",
            "application/json;charset=UTF-8",
            "WWW-Authenticate",
            "Bearer error=\"invalid_token\""),
        Map.of("error", "invalid_token", "error_description", description));
  }

  private static OAuth2HttpResponse json(int status, Headers headers, Map<String, Object> body) {
    try {
      return new OAuth2HttpResponse(headers, status, JSON.writeValueAsString(body), null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("claims not serialisable", e);
    }
  }
}
