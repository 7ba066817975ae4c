package org.saphan.sandbox.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem responses carrying a stable snake_case {@code code}. */
public final class Problems {

  /** Media type of every refusal the sandbox answers in JSON. */
  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private Problems() {}

  /** A problem body with {@code type = urn:saphan:sandbox:<code>} and the code as a property. */
  public static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("urn:saphan:sandbox:" + code));
    problem.setTitle(code);
    problem.setProperty("code", code);
    return problem;
  }

  /** The problem as a response with {@code application/problem+json}. */
  public static ResponseEntity<ProblemDetail> response(
      HttpStatus status, String code, String detail) {
    return ResponseEntity.status(status)
        .contentType(PROBLEM_JSON)
        .body(problem(status, code, detail));
  }

  /** True when the client asked for JSON (plain or problem+json) rather than a page. */
  public static boolean wantsJson(String accept) {
    return accept != null && (accept.contains("application/json") || accept.contains("+json"));
  }
}
