package org.saphan.sandbox.agency;

import java.nio.charset.StandardCharsets;
import org.saphan.sandbox.common.DetachedJws;
import org.saphan.sandbox.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** LED's bankruptcy check endpoint, as the hub sees it (docs/agency/checks.md). */
@RestController
public class LedBankruptcyCheckController {

  /** The check path of the wire contract. */
  public static final String PATH = "/agencies/led/v1/bankruptcy-checks";

  private static final MediaType JSON_UTF8 =
      new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);

  private final LedBankruptcyCheckAgency agency;
  private final DelayedAnswers delays;

  public LedBankruptcyCheckController(LedBankruptcyCheckAgency agency, DelayedAnswers delays) {
    this.agency = agency;
    this.delays = delays;
  }

  /**
   * Returns a {@link ResponseEntity}, or a deferred one in {@code slow} mode (see {@link
   * DelayedAnswers}). Refusals are problem+json with the contract's {@code code} and {@code
   * message}.
   */
  @PostMapping(path = PATH)
  public Object check(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestHeader(name = "X-Message-Id", required = false) String messageId,
      @RequestHeader(name = DetachedJws.HEADER, required = false) String signature) {
    LedBankruptcyCheckAgency.Reply reply = agency.check(contentType, messageId, signature, body);
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
