package org.saphan.hub.api;

import java.io.IOException;
import java.io.Writer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.saphan.hub.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.MediaType;

/**
 * The container's own refusals (a malformed request line, bad header bytes, oversized headers, an
 * encoded slash the connector rejects) answer in the hub's problem+json shape with a stable code,
 * instead of Tomcat's HTML page. Errors that reached Spring already have a body and are left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

  private static final StringManager HTTP11 = StringManager.getManager("org.apache.coyote.http11");

  /** Tomcat's message for a request whose headers overflow the connector's header buffer. */
  private static final String HEADER_TOO_LARGE =
      HTTP11.getString("iib.requestheadertoolarge.error");

  /**
   * The start of Tomcat's message for a request target with a character it refuses (a backslash).
   */
  private static final String INVALID_TARGET = messagePrefix("iib.invalidRequestTarget");

  private final Problems problems;

  public ProblemErrorReportValve(Problems problems) {
    this.problems = problems;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    ErrorCode code = codeOf(status, request.getRequestURI(), throwable);
    String correlationId = response.getHeader(CorrelationIdFilter.HEADER);
    if (correlationId == null) {
      correlationId = UUID.randomUUID().toString();
      response.setHeader(CorrelationIdFilter.HEADER, correlationId);
    }
    // Only the status and code: the refused request line or header may carry anything.
    log.debug("The container refused a request with {} ({})", status, code.code());
    MDC.put(CorrelationIdFilter.MDC_KEY, correlationId);
    try {
      String body = problems.document(code, detailOf(code));
      response.setStatus(code.httpStatus());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      log.debug("Could not write the container's problem answer: {}", e.getClass().getName());
    } finally {
      MDC.remove(CorrelationIdFilter.MDC_KEY);
    }
  }

  /** The code for a status the container set, refined by the raw URI and the container's cause. */
  static ErrorCode codeOf(int status, String rawUri, Throwable cause) {
    if (status == 431
        || (status == 400
            && cause instanceof IllegalArgumentException
            && HEADER_TOO_LARGE.equals(cause.getMessage()))) {
      return ErrorCode.HEADERS_TOO_LARGE;
    }
    return switch (status) {
      case 400 ->
          (rawUri != null && PathGuardFilter.isMalformed(stripQuery(rawUri)))
                  || (cause instanceof IllegalArgumentException
                      && cause.getMessage() != null
                      && cause.getMessage().startsWith(INVALID_TARGET))
              ? ErrorCode.MALFORMED_PATH
              : ErrorCode.MALFORMED_REQUEST;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ErrorCode.RATE_LIMITED;
      case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
      default -> status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
    };
  }

  /** A Tomcat message up to its first argument, so that it can be recognised in any locale. */
  private static String messagePrefix(String key) {
    String marker = "@@saphan@@";
    String message = HTTP11.getString(key, marker);
    int at = message.indexOf(marker);
    return at < 0 ? message : message.substring(0, at);
  }

  private static String stripQuery(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  private static String detailOf(ErrorCode code) {
    return switch (code) {
      case MALFORMED_PATH ->
          "The request path must be plain: no ';', no encoded '/', '\\', '.' or NUL, no empty or"
              + " dot segments.";
      case HEADERS_TOO_LARGE -> "The request headers are larger than the server accepts.";
      case MALFORMED_REQUEST -> "The request is not a well-formed HTTP/1.1 request.";
      default -> code.title() + ".";
    };
  }
}
