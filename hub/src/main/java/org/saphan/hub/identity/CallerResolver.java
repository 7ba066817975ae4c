package org.saphan.hub.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.catalog.IalLevels;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Turns a bearer token into a {@link Caller}: validates it, completes missing identity claims from
 * userinfo, checks the citizen id, and adds the person's agency role assignments.
 */
public class CallerResolver {

  private static final String CITIZEN_ID = "citizen_id";
  private static final String IAL = "ial_level";

  private final AccessTokenValidator validator;
  private final UserinfoClient userinfo;
  private final AgencyRoles roles;
  private final IdentityProperties properties;

  public CallerResolver(
      AccessTokenValidator validator,
      UserinfoClient userinfo,
      AgencyRoles roles,
      IdentityProperties properties) {
    this.validator = validator;
    this.userinfo = userinfo;
    this.roles = roles;
    this.properties = properties;
  }

  /** The caller behind an {@code Authorization: Bearer} token. */
  public Caller resolve(String token) {
    JWTClaimsSet verified = validator.validate(token);
    long expiresAt = verified.getExpirationTime().toInstant().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>(verified.getClaims());
    claims.replaceAll(
        (name, value) -> value instanceof java.util.Date d ? d.getTime() / 1000 : value);
    if (isPortalClient(claims)) {
      return new Caller(
          Caller.Kind.PORTAL_CLIENT,
          verified.getSubject(),
          null,
          null,
          null,
          null,
          List.of(),
          null,
          false,
          Map.of(),
          claims,
          expiresAt);
    }
    if (!claims.containsKey(CITIZEN_ID) || !claims.containsKey(IAL)) {
      Map<String, Object> fromUserinfo = userinfo.claims(token, expiresAt);
      Object sub = fromUserinfo.get("sub");
      if (sub != null && !sub.equals(verified.getSubject())) {
        throw SaphanException.validation(
            ErrorCode.TOKEN_INVALID, "userinfo answered for another subject");
      }
      fromUserinfo.forEach(claims::putIfAbsent);
    }
    Object citizenId = claims.get(CITIZEN_ID);
    if (!(citizenId instanceof String id) || id.isBlank()) {
      throw SaphanException.validation(
          ErrorCode.CITIZEN_ID_MISSING, "neither the token nor userinfo gives a citizen_id");
    }
    if (!ThaiCitizenId.isValid(id)) {
      throw SaphanException.validation(
          ErrorCode.CITIZEN_ID_INVALID,
          "citizen_id " + ThaiCitizenId.mask(id) + " is not 13 digits with a valid check digit");
    }
    String ial = claims.get(IAL) == null ? null : String.valueOf(claims.get(IAL));
    if (ial != null && !IalLevels.isKnown(ial)) {
      throw SaphanException.validation(
          ErrorCode.TOKEN_INVALID, "unknown identity assurance level '" + ial + "'");
    }
    return new Caller(
        Caller.Kind.CITIZEN,
        verified.getSubject(),
        id,
        text(claims.get("given_name")),
        text(claims.get("family_name")),
        ial,
        strings(claims.get("amr")),
        text(claims.get("acr")),
        strings(claims.get(properties.getRolesClaim())).contains(properties.getOperatorRole()),
        roles.of(id),
        claims,
        expiresAt);
  }

  private boolean isPortalClient(Map<String, Object> claims) {
    if (claims.containsKey(CITIZEN_ID)) {
      return false;
    }
    for (String claim : List.of("client_id", "azp", "sub")) {
      Object value = claims.get(claim);
      if (value instanceof String s && properties.getPortalClients().contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static List<String> strings(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (value instanceof String s) {
      return List.of(s.split(" "));
    }
    return List.of();
  }
}
