package org.saphan.sandbox.digitalid;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saphan.sandbox.web.SandboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Mints persona tokens for tests and demos, signed with the issuer's key, so they verify against
 * the issuer's JWKS exactly like the tokens of a real login.
 */
@Service
public class PersonaTokens {

  private static final Logger log = LoggerFactory.getLogger(PersonaTokens.class);

  /** Longest lifetime, either way, a caller may ask for. */
  static final Duration MAX_LIFETIME = Duration.ofDays(366);

  private final DigitalIdServer server;
  private final DigitalIdProperties properties;
  private final PersonaCatalog personas;
  private final Clock clock = Clock.systemUTC();

  public PersonaTokens(
      DigitalIdServer server, DigitalIdProperties properties, PersonaCatalog personas) {
    this.server = server;
    this.properties = properties;
    this.personas = personas;
  }

  /** Access and ID token of a persona; refuses unknown personas (404) and bad options (400). */
  public TokenResponse issue(String personaName, TokenOptions options) {
    Persona persona =
        personas
            .byName(personaName)
            .orElseThrow(
                () ->
                    new SandboxException(
                        HttpStatus.NOT_FOUND, "persona_unknown", "no persona " + personaName));
    TokenOptions o = options == null ? TokenOptions.none() : options;
    String issuerId = issuerId(o.issuer());
    long expiresIn =
        o.expiresInSeconds() == null
            ? properties.tokenLifetime().toSeconds()
            : o.expiresInSeconds();
    if (Math.abs(expiresIn) > MAX_LIFETIME.toSeconds()) {
      throw new SandboxException(
          HttpStatus.BAD_REQUEST,
          "expires_in_invalid",
          "expiresInSeconds must be within " + MAX_LIFETIME.toSeconds() + " either way");
    }
    Instant now = clock.instant();
    Instant expiry = now.plusSeconds(expiresIn);
    // An expired token looks like an ordinary one issued a lifetime before it expired.
    Instant issued = expiresIn > 0 ? now : expiry.minus(properties.tokenLifetime());
    String audience =
        o.audience() == null || o.audience().isBlank() ? properties.audience() : o.audience();

    Map<String, Object> claims = new LinkedHashMap<>(persona.tokenClaims());
    if (o.acrValues() != null && !o.acrValues().isBlank()) {
      claims.putAll(
          StepUp.claims(o.acrValues())
              .orElseThrow(
                  () ->
                      new SandboxException(
                          HttpStatus.BAD_REQUEST,
                          "acr_values_unsupported",
                          "acrValues names no level of the form "
                              + StepUp.ACR_PREFIX
                              + "<level> with level one of "
                              + PersonaCatalog.IAL_LEVELS)));
    }
    String access =
        sign(
            issuerId,
            claims(issuerId, persona, audience, issued, expiry, claims, o),
            properties.signingAlgorithm());
    String id =
        sign(
            issuerId,
            claims(issuerId, persona, properties.clientId(), issued, expiry, claims, o),
            properties.signingAlgorithm());
    log.info(
        "issued a token for persona {} (issuer {}, expires in {} s)",
        persona.persona(),
        issuerId,
        expiresIn);
    return new TokenResponse(access, id, "Bearer", expiresIn);
  }

  private String issuerId(String requested) {
    if (requested == null || requested.isBlank() || requested.equals(properties.issuerId())) {
      return properties.issuerId();
    }
    if (requested.equals(properties.otherIssuerId())) {
      return properties.otherIssuerId();
    }
    throw new SandboxException(
        HttpStatus.BAD_REQUEST,
        "issuer_unknown",
        "issuer must be " + properties.issuerId() + " or " + properties.otherIssuerId());
  }

  private JWTClaimsSet claims(
      String issuerId,
      Persona persona,
      String audience,
      Instant issued,
      Instant expiry,
      Map<String, Object> personaClaims,
      TokenOptions options) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("iss", server.issuer(issuerId));
    all.put("sub", persona.sub());
    all.put("aud", audience);
    all.put("iat", issued.getEpochSecond());
    all.put("nbf", issued.getEpochSecond());
    all.put("exp", expiry.getEpochSecond());
    all.put("jti", UUID.randomUUID().toString());
    all.putAll(personaClaims);
    if (options.claims() != null) {
      all.putAll(options.claims());
    }
    List<String> omit = options.omitClaims() == null ? List.of() : options.omitClaims();
    all.keySet().removeAll(omit);
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
    all.forEach(
        (name, value) -> {
          switch (name) {
            case "iat" -> builder.issueTime(date(value));
            case "nbf" -> builder.notBeforeTime(date(value));
            case "exp" -> builder.expirationTime(date(value));
            default -> builder.claim(name, value);
          }
        });
    return builder.build();
  }

  private static Date date(Object epochSeconds) {
    if (epochSeconds instanceof Number n) {
      return new Date(n.longValue() * 1000);
    }
    throw new SandboxException(
        HttpStatus.BAD_REQUEST, "claim_invalid", "iat, nbf and exp must be epoch seconds");
  }

  private String sign(String issuerId, JWTClaimsSet claims, String algorithm) {
    JWK key = server.signingKey(issuerId);
    try {
      JWSSigner signer =
          key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
      JWSHeader header =
          new JWSHeader.Builder(JWSAlgorithm.parse(algorithm))
              .keyID(key.getKeyID())
              .type(JOSEObjectType.JWT)
              .build();
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("signing a persona token failed", e);
    }
  }
}
