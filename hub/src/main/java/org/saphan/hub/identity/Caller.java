package org.saphan.hub.identity;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.saphan.catalog.IalLevels;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Who is calling the hub, as established from a verified Digital ID access token: a citizen (or
 * officer, who is a citizen with agency role assignments), or the portal backend itself.
 *
 * @param kind citizen or portal client
 * @param subject the token's {@code sub}
 * @param citizenId the 13-digit citizen id (checked), or {@code null} for the portal client
 * @param givenName Thai given name, when known
 * @param familyName Thai family name, when known
 * @param ialLevel identity assurance level ({@code 2.3}, ...), or {@code null}
 * @param amr authentication methods, when given
 * @param acr authentication context class, when given
 * @param operator whether the token carries the portal-operator role
 * @param assignments agency roles assigned in the hub's database: agency code → roles
 * @param claims every claim known (token, then userinfo), for release by model 2
 * @param expiresAt when the token expires (epoch seconds)
 */
public record Caller(
    Kind kind,
    String subject,
    String citizenId,
    String givenName,
    String familyName,
    String ialLevel,
    List<String> amr,
    String acr,
    boolean operator,
    Map<String, Set<String>> assignments,
    Map<String, Object> claims,
    long expiresAt) {

  /** The kinds of caller. */
  public enum Kind {
    /** A person logged in with Digital ID. */
    CITIZEN,
    /** The portal backend, calling on its own behalf (client credentials). */
    PORTAL_CLIENT
  }

  /** Agency role of an officer: works the agency's cases. */
  public static final String AGENCY_OFFICER = "agency_officer";

  /** Agency role of an administrator: assigns the agency's officer roles. */
  public static final String AGENCY_ADMIN = "agency_admin";

  /** Problem property of {@code insufficient_assurance}: the level the service needs. */
  public static final String REQUIRED_IAL = "requiredIal";

  /**
   * Problem property of {@code insufficient_assurance}: the {@code acr_values} (space-separated)
   * that satisfy the service, for the step-up login and the {@code WWW-Authenticate} challenge.
   */
  public static final String ACR_VALUES = "acrValues";

  public Caller {
    Objects.requireNonNull(kind, "kind");
    amr = amr == null ? List.of() : List.copyOf(amr);
    assignments = assignments == null ? Map.of() : Map.copyOf(assignments);
    claims = claims == null ? Map.of() : Map.copyOf(claims);
  }

  /** The citizen id, masked for logs and audit. */
  public String maskedCitizenId() {
    return ThaiCitizenId.mask(citizenId);
  }

  /** The citizen behind a citizen-facing call; refuses the portal client. */
  public Caller requireCitizen() {
    if (kind != Kind.CITIZEN) {
      throw SaphanException.business(
          ErrorCode.FORBIDDEN,
          "this call is made on a citizen's behalf: send the citizen's Digital ID token",
          Map.of());
    }
    return this;
  }

  /**
   * Refuses anyone below {@code minimum} IAL with {@code insufficient_assurance} (401), carrying
   * what the RFC 9470 step-up challenge needs: {@code requiredIal}, {@code currentIal} and the
   * {@code acrValues} a new Digital ID login must ask for. The one assurance check of the hub: pass
   * it {@link org.saphan.catalog.ConnectorCard#minimumIal()} for a service, or {@link
   * org.saphan.catalog.ConnectorCard#minimumIal(String)} for an act with its own floor (an SSO
   * link, a check operation). {@code null} or blank: no floor.
   */
  public Caller requireIal(String minimum) {
    if (minimum == null || minimum.isBlank()) {
      return this;
    }
    if (ialLevel == null || IalLevels.compare(ialLevel, minimum) < 0) {
      throw SaphanException.business(
          ErrorCode.INSUFFICIENT_ASSURANCE,
          "this service needs identity assurance level "
              + minimum
              + " or higher; the token has "
              + (ialLevel == null ? "none" : ialLevel)
              + ": log in again with Digital ID asking for acr_values "
              + IalLevels.acrValuesAtLeast(minimum),
          Map.of(
              REQUIRED_IAL,
              minimum,
              "currentIal",
              ialLevel == null ? "" : ialLevel,
              ACR_VALUES,
              IalLevels.acrValuesAtLeast(minimum)));
    }
    return this;
  }

  /** Refuses anyone but a portal operator. */
  public Caller requireOperator() {
    if (!operator) {
      throw SaphanException.business(
          ErrorCode.FORBIDDEN, "only portal operators may do this", Map.of());
    }
    return this;
  }

  /** Whether the caller holds {@code role} for {@code agency}. */
  public boolean hasAgencyRole(String agency, String role) {
    return assignments.getOrDefault(agency, Set.of()).contains(role);
  }

  /** Refuses anyone without {@code role} for {@code agency}. */
  public Caller requireAgencyRole(String agency, String role) {
    if (!hasAgencyRole(agency, role)) {
      throw SaphanException.business(
          ErrorCode.FORBIDDEN,
          "this needs the " + role + " role of agency " + agency,
          Map.of("agency", agency, "role", role));
    }
    return this;
  }

  /** A claim's value, if known. */
  public Optional<Object> claim(String name) {
    return Optional.ofNullable(claims.get(name));
  }
}
