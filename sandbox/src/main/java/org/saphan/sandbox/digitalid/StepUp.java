package org.saphan.sandbox.digitalid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Step-up of the Digital ID stand-in: a login (or a sandbox token) that asks for {@code acr_values}
 * is issued at the first level asked for, as if the persona had just proved their identity that
 * strongly. The stand-in's authentication context classes are {@code urn:saphan:ial:<level>}, one
 * per ETDA / NDID identity assurance level, the values the hub's RFC 9470 challenge asks for; a
 * real Digital ID publishes its own.
 */
final class StepUp {

  /** Prefix of the stand-in's {@code acr} values: {@code urn:saphan:ial:2.3} is IAL 2.3. */
  static final String ACR_PREFIX = "urn:saphan:ial:";

  private StepUp() {}

  /**
   * The claims of a login at the first supported level of {@code acrValues} (space-separated, as in
   * OpenID Connect): {@code acr} and {@code ial_level}; empty when none is supported.
   */
  static Optional<Map<String, Object>> claims(String acrValues) {
    if (acrValues == null) {
      return Optional.empty();
    }
    for (String acr : acrValues.trim().split("\\s+")) {
      String level = acr.startsWith(ACR_PREFIX) ? acr.substring(ACR_PREFIX.length()) : "";
      if (PersonaCatalog.IAL_LEVELS.contains(level)) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("acr", acr);
        claims.put("ial_level", level);
        return Optional.of(claims);
      }
    }
    return Optional.empty();
  }
}
