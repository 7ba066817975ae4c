package org.saphan.sandbox.eservice;

/** An SSO assertion the e-service does not accept, with the stable reason. */
public class AssertionRejectedException extends Exception {

  private final SsoError error;

  public AssertionRejectedException(SsoError error, String message) {
    super(message);
    this.error = error;
  }

  public SsoError error() {
    return error;
  }
}
