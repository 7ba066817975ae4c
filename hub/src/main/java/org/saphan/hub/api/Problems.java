package org.saphan.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Builds every RFC 9457 problem the hub answers with: code, title, detail, correlationId. */
@Component
public class Problems {

  /** Prefix of the problem {@code type} URI; the code follows it. */
  public static final String TYPE_PREFIX = "urn:saphan:error:";

  private final ObjectMapper json;

  public Problems(ObjectMapper json) {
    this.json = json;
  }

  public ProblemDetail problem(ErrorCode code, String detail, Map<String, Object> properties) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
    problem.setType(URI.create(TYPE_PREFIX + code.code()));
    problem.setTitle(code.title());
    problem.setProperty("code", code.code());
    problem.setProperty("correlationId", MDC.get(CorrelationIdFilter.MDC_KEY));
    properties.forEach(problem::setProperty);
    return problem;
  }

  public ResponseEntity<ProblemDetail> response(
      ErrorCode code, String detail, Map<String, Object> properties) {
    return ResponseEntity.status(code.httpStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(code, detail, properties));
  }

  /** The problem document as JSON text, for the container, which answers outside Spring. */
  public String document(ErrorCode code, String detail) throws IOException {
    return json.writeValueAsString(problem(code, detail, Map.of()));
  }

  /** For filters, which answer before Spring MVC is reached. */
  public void write(HttpServletResponse response, ErrorCode code, String detail)
      throws IOException {
    response.resetBuffer();
    response.setStatus(code.httpStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem(code, detail, Map.of()));
    response.flushBuffer();
  }
}
