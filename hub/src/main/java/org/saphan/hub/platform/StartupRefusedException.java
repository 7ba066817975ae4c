package org.saphan.hub.platform;

/** The hub refuses to start: the message says what is missing and how to fix it. */
public class StartupRefusedException extends RuntimeException {

  private final String action;

  public StartupRefusedException(String description, String action) {
    super(description);
    this.action = action;
  }

  /** What the operator should do about it. */
  public String action() {
    return action;
  }
}
