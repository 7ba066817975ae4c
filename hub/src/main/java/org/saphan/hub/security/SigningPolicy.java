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
  /**
   * OASIS WS-Security X.509 token profile for SOAP 1.1: the signed message is the whole envelope,
   * its {@code wsse:Security} header signing the Body and a {@code wsu:Timestamp} by {@code
   * wsu:Id}.
   */
  WSS_X509,
  /** Detached CMS/PKCS#7 SignedData, for files. */
  CMS,
  /** Unsigned; only valid where a card states it explicitly. */
  NONE;

  /** The name as written in connector cards ({@code wss-x509} for {@link #WSS_X509}). */
  public String cardName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a card value ({@code jws}, {@code xmldsig}, {@code wss-x509}, {@code cms}, {@code
   * none}).
   */
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
