package org.saphan.sandbox.eservice;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why the e-service refused an SSO assertion; the wire value is the lower-case name. */
public enum SsoError {
  REPLAYED,
  EXPIRED,
  BAD_SIGNATURE,
  WRONG_AUDIENCE,
  WRONG_ISSUER,
  LIFETIME_TOO_LONG,
  MALFORMED;

  /** The value of the {@code error} field. */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
