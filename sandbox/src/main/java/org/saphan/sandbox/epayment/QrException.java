package org.saphan.sandbox.epayment;

/** A Thai QR payload the gateway cannot accept; {@link #code()} is a stable snake_case reason. */
public class QrException extends IllegalArgumentException {

  private final String code;

  public QrException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
