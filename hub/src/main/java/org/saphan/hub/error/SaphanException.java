package org.saphan.hub.error;

import java.util.Map;
import java.util.Objects;

/**
 * The hub's one exception type: a stable {@link ErrorCode}, a detail for humans, and optional
 * structured properties that the api layer adds to the problem+json body.
 */
public class SaphanException extends RuntimeException {

  private final ErrorCode code;
  private final transient Map<String, Object> properties;

  private SaphanException(
      ErrorCode code, String detail, Map<String, Object> properties, Throwable cause) {
    super(detail, cause);
    this.code = Objects.requireNonNull(code);
    this.properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  /** The caller sent something we refuse (bad shape, bad signature, replay...). */
  public static SaphanException validation(ErrorCode code, String detail) {
    return new SaphanException(code, detail, Map.of(), null);
  }

  /** As {@link #validation(ErrorCode, String)}, with extra problem properties. */
  public static SaphanException validation(
      ErrorCode code, String detail, Map<String, Object> properties) {
    return new SaphanException(code, detail, properties, null);
  }

  /** A business rule refuses the request (consent missing, wrong state...). */
  public static SaphanException business(
      ErrorCode code, String detail, Map<String, Object> properties) {
    return new SaphanException(code, detail, properties, null);
  }

  /** Something on our side or a dependency failed; the cause is kept for the log, not the wire. */
  public static SaphanException system(ErrorCode code, String detail, Throwable cause) {
    return new SaphanException(code, detail, Map.of(), cause);
  }

  /** Wraps a foreign exception at a boundary with a code of our own. */
  public static SaphanException wrap(ErrorCode code, String detail, Throwable cause) {
    return new SaphanException(code, detail, Map.of(), cause);
  }

  public ErrorCode code() {
    return code;
  }

  /** Extra properties for the problem body (never personal data). */
  public Map<String, Object> properties() {
    return properties;
  }
}
