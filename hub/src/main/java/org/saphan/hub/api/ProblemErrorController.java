package org.saphan.hub.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside Spring MVC (the container, filters) answer in the same problem shape. */
@RestController
public class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  private final Problems problems;

  public ProblemErrorController(Problems problems) {
    this.problems = problems;
  }

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i ? i : 500;
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    for (Throwable t = failure instanceof Throwable f ? f : null; t != null; t = t.getCause()) {
      if (t instanceof RequestGuardFilter.BodyTooLargeException tooLarge) {
        return problems.response(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), Map.of());
      }
    }
    if (code >= 500 && failure instanceof Throwable f) {
      // Outside Spring MVC, nothing else logs it; its messages may quote request data.
      log.error(
          "Unexpected error outside the API answering a request: {} (correlation id {})",
          SafeErrors.describe(f),
          MDC.get(CorrelationIdFilter.MDC_KEY));
    }
    ErrorCode errorCode =
        switch (code) {
          case 400 -> ErrorCode.MALFORMED_REQUEST;
          case 404 -> ErrorCode.NOT_FOUND;
          case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
          case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
          case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
          case 429 -> ErrorCode.RATE_LIMITED;
          case 431 -> ErrorCode.HEADERS_TOO_LARGE;
          case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
          default -> ErrorCode.INTERNAL_ERROR;
        };
    return problems.response(errorCode, errorCode.title(), Map.of());
  }
}
