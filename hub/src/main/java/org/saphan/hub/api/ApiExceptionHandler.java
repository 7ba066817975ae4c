package org.saphan.hub.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every exception that reaches the API into one problem+json shape with a stable code. */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final Problems problems;

  public ApiExceptionHandler(Problems problems) {
    this.problems = problems;
  }

  @ExceptionHandler(SaphanException.class)
  ResponseEntity<ProblemDetail> saphan(SaphanException e) {
    if (e.code().httpStatus() >= 500) {
      // The cause chain may quote stored or received data: classes and SQLState only.
      log.error(
          "{} answering a request: {} (correlation id {})",
          e.code().code(),
          SafeErrors.describe(e),
          MDC.get(CorrelationIdFilter.MDC_KEY));
    } else if (e.code() == ErrorCode.INSUFFICIENT_ASSURANCE) {
      // An expected refusal, not a fault: one line without a stack trace.
      log.info(
          "Refused with insufficient_assurance: required IAL {}, token IAL {}",
          e.properties().get("requiredIal"),
          e.properties().get("currentIal"));
    }
    ResponseEntity<ProblemDetail> response =
        problems.response(e.code(), e.getMessage(), e.properties());
    if (e.properties().get("retryAfterSeconds") instanceof Number seconds) {
      // RFC 9110 §10.2.3: when the same request may be sent again (a circuit open, a fail-safe)
      response =
          ResponseEntity.status(response.getStatusCode())
              .headers(response.getHeaders())
              .header("Retry-After", Long.toString(seconds.longValue()))
              .body(response.getBody());
    }
    String challenge = challenge(e);
    if (challenge != null) {
      return ResponseEntity.status(response.getStatusCode())
          .headers(response.getHeaders())
          .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
          .body(response.getBody());
    }
    return response;
  }

  /**
   * The {@code WWW-Authenticate} challenge of a refusal, or {@code null}: RFC 6750 {@code
   * invalid_token} for a token that failed, and the RFC 9470 step-up challenge for a valid token
   * below the service's assurance level, naming the {@code acr_values} that satisfy it (from the
   * exception's problem properties, so every caller of {@link
   * org.saphan.hub.identity.Caller#requireIal} gets it, whichever controller or route refused).
   */
  static String challenge(SaphanException e) {
    if (e.code() == ErrorCode.INSUFFICIENT_ASSURANCE) {
      // Quoted-string values: levels and acr values come from fixed lists, never the request.
      return "Bearer error=\"insufficient_user_authentication\", error_description=\""
          + "identity assurance level "
          + e.properties().get(Caller.REQUIRED_IAL)
          + " or higher is required\", acr_values=\""
          + e.properties().get(Caller.ACR_VALUES)
          + "\"";
    }
    if (e.code().httpStatus() == 401 && e.code().code().startsWith("token_")) {
      // RFC 6750: tell the client which scheme the API expects and why the token failed.
      return "Bearer error=\"invalid_token\", error_description=\"" + e.code().code() + "\"";
    }
    return null;
  }

  /** A route called by the api layer failed: answer with what it failed with. */
  @ExceptionHandler(org.apache.camel.CamelExecutionException.class)
  ResponseEntity<ProblemDetail> route(org.apache.camel.CamelExecutionException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SaphanException saphan) {
        return saphan(saphan);
      }
    }
    return unexpected(e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestGuardFilter.BodyTooLargeException tooLarge) {
        return problems.response(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), Map.of());
      }
    }
    return problems.response(
        ErrorCode.MALFORMED_JSON,
        "The request body is not well-formed JSON of the expected shape.",
        Map.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return problems.response(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type '" + e.getContentType() + "' is not accepted here; send application/json.",
        Map.of());
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return problems.response(
        ErrorCode.NOT_ACCEPTABLE, "This resource is available as application/json.", Map.of());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return problems.response(
        ErrorCode.METHOD_NOT_ALLOWED,
        "Method " + e.getMethod() + " is not allowed here.",
        Map.of("allowed", e.getSupportedMethods() == null ? List.of() : e.getSupportedMethods()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
    return problems.response(
        ErrorCode.NOT_FOUND, "No resource at /" + e.getResourcePath() + ".", Map.of());
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
    return problems.response(
        ErrorCode.MISSING_HEADER,
        "Header " + e.getHeaderName() + " is required.",
        Map.of("header", e.getHeaderName()));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
    return problems.response(
        ErrorCode.VALIDATION_FAILED,
        "Parameter '" + e.getParameterName() + "' is required.",
        Map.of("parameter", e.getParameterName()));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
    List<Map<String, String>> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(
                f -> Map.of("field", f.getField(), "reason", String.valueOf(f.getDefaultMessage())))
            .toList();
    return problems.response(
        ErrorCode.VALIDATION_FAILED, "The request has invalid fields.", Map.of("errors", errors));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return problems.response(
        ErrorCode.VALIDATION_FAILED,
        "Parameter '" + e.getName() + "' has an invalid value.",
        Map.of("parameter", e.getName()));
  }

  /**
   * The database refused a value of the request (SQLState class 22, data exception: U+0000 in text
   * or JSON, a value too long): the caller's input, answered 400. Anything else is a fault.
   */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> database(DataAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("22")) {
        log.warn(
            "The database refused a value of a request: {} (correlation id {})",
            SafeErrors.describe(e),
            MDC.get(CorrelationIdFilter.MDC_KEY));
        return problems.response(
            ErrorCode.VALIDATION_FAILED,
            "A value in the request cannot be stored (for example U+0000 in a text).",
            Map.of());
      }
    }
    return unexpected(e);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    // Database and parser messages quote the data they failed on: never log them verbatim.
    log.error(
        "Unexpected error answering a request: {} (correlation id {})",
        SafeErrors.describe(e),
        MDC.get(CorrelationIdFilter.MDC_KEY));
    return problems.response(
        ErrorCode.INTERNAL_ERROR,
        "An unexpected error occurred; quote the correlation id to the operators.",
        Map.of());
  }
}
