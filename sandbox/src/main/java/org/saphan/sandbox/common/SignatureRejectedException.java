package org.saphan.sandbox.common;

import java.util.Locale;
import java.util.Objects;

/** A signature the sandbox refuses, with the stable reason a simulator reports. */
public class SignatureRejectedException extends RuntimeException {

  /** Why a signature is refused; {@link #code()} is the snake_case form. */
  public enum Reason {
    /** No signature where one is required. */
    MISSING,
    /** Not a detached compact JWS / not the XML-DSig profile. */
    MALFORMED,
    /** An algorithm outside the allow-list ({@code none}, HMAC, SHA-1, ...). */
    ALGORITHM_NOT_ALLOWED,
    /** No hub key with this kid, or a key that is not one of the hub's. */
    UNKNOWN_KEY,
    /** The signature does not match the content. */
    BAD_SIGNATURE,
    /** {@code iat} outside the allowed clock skew, or a certificate out of validity. */
    EXPIRED,
    /** The {@code jti} was seen before. */
    REPLAYED,
    /** The signed element is not the element being processed (signature wrapping). */
    WRAPPING,
    /** A WS-Security Timestamp that has expired, or was created in the future. */
    STALE,
    /** A WS-Security signature that does not cover the SOAP Body. */
    BODY_NOT_SIGNED,
    /** A WS-Security signature that does not cover the Timestamp. */
    TIMESTAMP_NOT_SIGNED,
    /**
     * A delivery whose signature does not carry what authorised sharing the data (the consent
     * record or the lawful basis, {@link HubAuthorisation}).
     */
    AUTHORISATION_MISSING;

    /** The reason as a stable snake_case code. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  public SignatureRejectedException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public SignatureRejectedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
