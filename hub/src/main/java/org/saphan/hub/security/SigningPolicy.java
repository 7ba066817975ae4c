package org.saphan.hub.security;

import java.util.Locale;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/** The signing policy a connector card names: how payloads to and from a party are signed. */
public enum SigningPolicy {
  /** Compact or detached JWS (RFC 7515 / RFC 7797). */
  JWS,
  /** Enveloped XML-DSig over the whole document. */
  XMLDSIG,
  /** Detached CMS/PKCS#7 SignedData, for files. */
  CMS,
  /** Unsigned; only valid where a card states it explicitly. */
  NONE;

  /** The name as written in connector cards. */
  public String cardName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a card value ({@code jws}, {@code xmldsig}, {@code cms}, {@code none}). */
  public static SigningPolicy fromCardName(String value) {
    if (value != null) {
      for (SigningPolicy p : values()) {
        if (p.cardName().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return p;
        }
      }
    }
    throw SaphanException.validation(
        ErrorCode.ALGORITHM_NOT_ALLOWED, "unknown signing policy '" + value + "'");
  }
}
