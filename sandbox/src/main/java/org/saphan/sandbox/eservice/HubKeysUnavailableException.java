package org.saphan.sandbox.eservice;

/** The hub's JWKS could not be fetched, so no assertion can be judged either way. */
public class HubKeysUnavailableException extends Exception {

  public HubKeysUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
