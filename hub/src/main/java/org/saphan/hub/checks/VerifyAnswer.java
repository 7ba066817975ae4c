package org.saphan.hub.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.PartyTrusts;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.security.Trust;
import org.saphan.hub.security.VerificationRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check route's {@code verify} step: what the agency answered, before anything of it is read.
 * An HTTP 401 or 403 is the agency refusing the hub ({@code agency_refused_credentials}); another
 * 4xx is the agency refusing the question, which becomes a result with its reason ({@code
 * refused}); a 200 must be JSON and carry a detached JWS ({@code X-JWS-Signature}) over its exact
 * bytes by the key the card trusts for checks ({@code checks.trust}), else {@code
 * agency_answer_invalid} (502). Under the explicit policy {@code answers: unsigned} an answer
 * without a signature is taken and logged as unsigned; one with a signature is still verified.
 */
public class VerifyAnswer implements Processor {

  /** The exchange property set when the agency refused the question (no mapping follows). */
  public static final String REFUSED = "SaphanCheckRefused";

  private static final Logger log = LoggerFactory.getLogger(VerifyAnswer.class);
  private static final ObjectMapper JSON = Json.strict();

  private final Signing signing;
  private final PartyTrusts trusts;

  public VerifyAnswer(Signing signing, PartyTrusts trusts) {
    this.signing = signing;
    this.trusts = trusts;
  }

  @Override
  public void process(Exchange exchange) {
    Check check = Check.of(exchange);
    String what = check.card().name() + "/" + check.operationName();
    if (check.invalidAnswer() != null) {
      throw invalid(what, "the answer cannot be read: " + check.invalidAnswer());
    }
    int status = check.answer().status();
    byte[] body = check.answer().body();
    if (status == 401 || status == 403) {
      throw SaphanException.system(
          ErrorCode.AGENCY_REFUSED_CREDENTIALS,
          what + ": the agency refused the hub's request or signature (HTTP " + status + ")",
          null);
    }
    if (status >= 400) {
      check.result(refusal(status, body));
      exchange.setProperty(REFUSED, true);
      return;
    }
    if (status != 200) {
      throw invalid(what, "the agency answered HTTP " + status + ", not 200");
    }
    String contentType = check.answer().contentType();
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
      throw invalid(what, "the answer is not JSON (Content-Type " + contentType + ")");
    }
    String signature = check.answer().header(SignCheck.SIGNATURE).orElse(null);
    if (signature == null) {
      if (check.operation().signedAnswers()) {
        throw invalid(what, "the answer carries no X-JWS-Signature");
      }
      log.warn(
          "Check {} {}: unsigned answer taken under the card's policy answers: unsigned",
          what,
          check.requestId());
      return;
    }
    Trust trust =
        trusts
            .ofChecks(check.card())
            .orElseThrow(() -> invalid(what, "the card trusts no agency key for checks"));
    try {
      check.answerKid(
          signing
              .verifier(SigningPolicy.JWS)
              .verify(
                  body,
                  signature.getBytes(StandardCharsets.US_ASCII),
                  VerificationRules.of(SigningPolicy.JWS, "agency:" + check.card().name(), trust))
              .kid());
    } catch (SaphanException e) {
      throw invalid(
          what,
          "the answer's signature does not verify ("
              + e.code().code()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  /** A refused question as a result: the agency's own code and message when it gives them. */
  private static ObjectNode refusal(int status, byte[] body) {
    ObjectNode result = JSON.createObjectNode();
    result.put("found", false);
    result.put("status", "refused");
    ObjectNode reason = result.putObject("reason");
    reason.put("httpStatus", status);
    try {
      JsonNode answer = JSON.readTree(body);
      if (answer != null && answer.isObject()) {
        for (String field : new String[] {"code", "message", "resultCode", "resultDesc"}) {
          if (answer.path(field).isTextual()) {
            reason.put(field, answer.path(field).asText());
          }
        }
      }
    } catch (java.io.IOException e) {
      reason.put("message", "the agency's answer is not JSON");
    }
    return result;
  }

  static SaphanException invalid(String what, String why) {
    return SaphanException.business(
        ErrorCode.AGENCY_ANSWER_INVALID, what + ": " + why + "; nothing of it is used", Map.of());
  }
}
