package org.saphan.sandbox.web;

import org.springframework.http.HttpStatus;

/** A refusal with a stable code; turned into problem+json by {@link SandboxExceptionHandler}. */
public class SandboxException extends RuntimeException {

  private final HttpStatus status;
  private final String code;

  public SandboxException(HttpStatus status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }
}
