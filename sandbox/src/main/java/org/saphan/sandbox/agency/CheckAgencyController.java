package org.saphan.sandbox.agency;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.saphan.sandbox.common.DetachedJws;
import org.saphan.sandbox.web.Problems;
import org.saphan.sandbox.web.SandboxException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The check agencies' endpoints as the hub sees them (docs/agency/checks.md): LED's bankruptcy
 * check and the police's traffic-fine query, each answered by its {@link SignedCheckAgency}.
 */
@RestController
public class CheckAgencyController {

  /** LED's bankruptcy check path (the wire contract's). */
  public static final String LED_PATH = "/agencies/led/v1/bankruptcy-checks";

  /** The police's traffic-fine query path (the wire contract's). */
  public static final String RTP_PATH = "/agencies/rtp/v1/traffic-fines/queries";

  private static final MediaType JSON_UTF8 =
      new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);

  private final Map<String, SignedCheckAgency<?>> agencies;
  private final DelayedAnswers delays;

  public CheckAgencyController(List<SignedCheckAgency<?>> agencies, DelayedAnswers delays) {
    this.agencies = byCode(agencies);
    this.delays = delays;
  }

  /** The agencies by their code, for the controllers that serve them all. */
  static Map<String, SignedCheckAgency<?>> byCode(List<SignedCheckAgency<?>> agencies) {
    return agencies.stream()
        .collect(Collectors.toUnmodifiableMap(SignedCheckAgency::agency, Function.identity()));
  }

  /** The agency of a code in the path; the path patterns admit only codes there are. */
  static SignedCheckAgency<?> agency(Map<String, SignedCheckAgency<?>> agencies, String code) {
    SignedCheckAgency<?> agency = agencies.get(code);
    if (agency == null) {
      throw new SandboxException(HttpStatus.NOT_FOUND, "not_found", "no such check agency");
    }
    return agency;
  }

  /**
   * Returns a {@link ResponseEntity}, or a deferred one in {@code slow} mode (see {@link
   * DelayedAnswers}). Refusals are problem+json with the contract's {@code code} and {@code
   * message}. The paths are {@link #LED_PATH} and {@link #RTP_PATH}, the agency code captured.
   */
  @PostMapping(
      path = {
        "/agencies/{agency:led}/v1/bankruptcy-checks",
        "/agencies/{agency:rtp}/v1/traffic-fines/queries"
      })
  public Object check(
      @PathVariable("agency") String code,
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestHeader(name = "X-Message-Id", required = false) String messageId,
      @RequestHeader(name = DetachedJws.HEADER, required = false) String signature) {
    SignedCheckAgency.Reply reply =
        agency(agencies, code).check(contentType, messageId, signature, body);
    if (reply.refusal() != null) {
      ProblemDetail problem =
          Problems.problem(
              HttpStatus.valueOf(reply.status()),
              reply.refusal().code(),
              reply.refusal().message());
      problem.setProperty("message", reply.refusal().message());
      return ResponseEntity.status(reply.status())
          .contentType(Problems.PROBLEM_JSON)
          .header(HttpHeaders.CACHE_CONTROL, "no-store")
          .body(problem);
    }
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.status(reply.status())
            .contentType(JSON_UTF8)
            .header(HttpHeaders.CACHE_CONTROL, "no-store");
    if (reply.signature() != null) {
      answer.header(DetachedJws.HEADER, reply.signature());
    }
    return delays.after(reply.delayMillis(), answer.body(reply.body()));
  }
}
