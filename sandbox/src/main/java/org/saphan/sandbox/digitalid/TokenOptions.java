package org.saphan.sandbox.digitalid;

import java.util.List;
import java.util.Map;

/**
 * Options of the sandbox token endpoint; every field may be left out.
 *
 * @param expiresInSeconds lifetime in seconds; negative gives a token that expired that long ago
 * @param audience {@code aud} of the access token instead of the hub's
 * @param issuer {@code digitalid} (default) or {@code other-idp}, an unrelated issuer
 * @param claims claims added last, overriding any other
 * @param omitClaims claims removed from both tokens
 * @param acrValues step-up: {@code acr_values} as a client sends them to the authorization endpoint
 *     (space-separated, such as {@code urn:saphan:ial:2.3}); the tokens carry the first supported
 *     one as {@code acr} and its level as {@code ial_level}
 */
public record TokenOptions(
    Long expiresInSeconds,
    String audience,
    String issuer,
    Map<String, Object> claims,
    List<String> omitClaims,
    String acrValues) {

  /** No options: the persona's usual token. */
  public static TokenOptions none() {
    return new TokenOptions(null, null, null, null, null, null);
  }
}
