package org.saphan.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.StartupRefusedException;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Builds every RFC 9457 problem the hub answers with: type, code, title, detail, correlationId.
 *
 * <p>The {@code type} is the URL of the code's entry in the hub's error catalog ({@link
 * ErrorCatalogController}), so a person who meets a problem can open it. By default it is the
 * relative reference {@code /errors/<code>}: RFC 9457 §3.1.1 has a client resolve it against the
 * URL it called, so it resolves on whichever host, port and proxy the caller reached, needs no
 * setting, and is the same on every node and in every environment (the sandbox, tests and the
 * published API description show the form production sends). A deployment that prefers absolute
 * types, or whose proxy serves the hub under a path prefix (where {@code /errors} would resolve
 * outside it), sets {@code saphan.api.public-url}; the type is then {@code
 * <public-url>/errors/<code>}. Clients should still compare {@code code}, never {@code type}.
 */
@Component
public class Problems {

  /** The path of the error catalog; an entry is this path, a slash and the code. */
  public static final String CATALOG_PATH = "/errors";

  private final ObjectMapper json;
  private final String typeBase;

  public Problems(ObjectMapper json, SaphanProperties properties) {
    this.json = json;
    this.typeBase = typeBase(properties.getApi().getPublicUrl());
  }

  /** The problem {@code type} of a code: the URL of its error catalog entry. */
  public URI type(ErrorCode code) {
    return URI.create(typeBase + "/" + code.code());
  }

  /** The catalog's path under the public URL, or alone; refuses a URL a client cannot resolve. */
  static String typeBase(URI publicUrl) {
    if (publicUrl == null) {
      return CATALOG_PATH;
    }
    String scheme = publicUrl.getScheme();
    if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
        || publicUrl.getRawAuthority() == null
        || publicUrl.getRawQuery() != null
        || publicUrl.getRawFragment() != null) {
      throw new StartupRefusedException(
          "saphan.api.public-url '" + publicUrl + "' is not an absolute http(s) URL",
          "Set saphan.api.public-url to the hub's public base URL, such as"
              + " https://hub.example.go.th (no query or fragment), or leave it unset for relative"
              + " problem types.");
    }
    String base = publicUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + CATALOG_PATH;
  }

  public ProblemDetail problem(ErrorCode code, String detail, Map<String, Object> properties) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
    problem.setType(type(code));
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
