package org.saphan.hub.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside Spring MVC (the container, filters) answer in the same problem shape. */
@RestController
public class ProblemErrorController implements ErrorController {

  private final Problems problems;

  public ProblemErrorController(Problems problems) {
    this.problems = problems;
  }

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i ? i : 500;
    ErrorCode errorCode =
        switch (code) {
          case 400 -> ErrorCode.VALIDATION_FAILED;
          case 404 -> ErrorCode.NOT_FOUND;
          case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
          case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
          case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
          case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
          default -> ErrorCode.INTERNAL_ERROR;
        };
    return problems.response(errorCode, errorCode.title(), Map.of());
  }
}
