package org.saphan.sandbox.digitalid;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named test citizen or officer of the Digital ID stand-in; all data is invented.
 *
 * @param persona the name used in URLs and on the login page, e.g. {@code citizen-ial23}
 * @param description what the persona is for
 * @param sub the Digital ID subject identifier
 * @param citizenId 13-digit Thai citizen id with a valid check digit (fake)
 * @param givenName Thai given name
 * @param familyName Thai family name
 * @param givenNameEn English given name
 * @param familyNameEn English family name
 * @param ialLevel identity assurance level as a string: 1.1, 1.2, 1.3, 2.1, 2.2, 2.3 or 3
 * @param amr authentication methods (RFC 8176 values)
 * @param roles values of the {@code roles} claim (e.g. {@code portal_operator}); empty for none
 * @param agencyAssignments agency roles the hub should assign to this persona (kept in the hub's
 *     database, never in the token)
 * @param identityInToken false when {@code citizen_id} and {@code ial_level} are only given by the
 *     userinfo endpoint, not in the tokens
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Persona(
    String persona,
    String description,
    String sub,
    String citizenId,
    String givenName,
    String familyName,
    String givenNameEn,
    String familyNameEn,
    String ialLevel,
    List<String> amr,
    List<String> roles,
    List<AgencyAssignment> agencyAssignments,
    boolean identityInToken) {

  /** Claim name of the English given name (OpenID Connect language-tagged claim). */
  public static final String GIVEN_NAME_EN = "given_name#en";

  /** Claim name of the English family name (OpenID Connect language-tagged claim). */
  public static final String FAMILY_NAME_EN = "family_name#en";

  public Persona {
    amr = amr == null ? List.of() : List.copyOf(amr);
    roles = roles == null ? List.of() : List.copyOf(roles);
    agencyAssignments = agencyAssignments == null ? List.of() : List.copyOf(agencyAssignments);
  }

  /**
   * An agency role the hub assigns to a persona.
   *
   * @param agency agency code, e.g. {@code dcy}
   * @param role {@code agency_officer} or {@code agency_admin}
   */
  public record AgencyAssignment(String agency, String role) {}

  /** Thai full name. */
  public String name() {
    return givenName + " " + familyName;
  }

  /** Claims carried in the access token and the ID token (besides iss, sub, aud, exp, ...). */
  public Map<String, Object> tokenClaims() {
    Map<String, Object> claims = new LinkedHashMap<>();
    if (identityInToken) {
      claims.put("citizen_id", citizenId);
      claims.put("ial_level", ialLevel);
    }
    claims.putAll(profileClaims());
    return claims;
  }

  /** Claims the userinfo endpoint answers: everything, including citizen id and IAL. */
  public Map<String, Object> userinfoClaims() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", sub);
    claims.put("citizen_id", citizenId);
    claims.put("ial_level", ialLevel);
    claims.putAll(profileClaims());
    return claims;
  }

  private Map<String, Object> profileClaims() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("given_name", givenName);
    claims.put("family_name", familyName);
    claims.put("name", name());
    claims.put(GIVEN_NAME_EN, givenNameEn);
    claims.put(FAMILY_NAME_EN, familyNameEn);
    claims.put("amr", amr);
    if (!roles.isEmpty()) {
      claims.put("roles", roles);
    }
    return claims;
  }
}
