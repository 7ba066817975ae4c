package org.saphan.hub.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.security.Authorisation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The check route's last step ({@code record}): in one transaction, the message log's two entries
 * (exchange {@value #EXCHANGE}: the signed question out, the agency's answer in, each with the
 * SHA-256 of its exact bytes, its signature and key, the consent or basis that allowed it) and the
 * GDX reads of the pre-fill; the data-access log ("who used my data") already holds the consent
 * gate's decisions. The body becomes the canonical result the portal gets, with the operation, the
 * request id and whether the answer was signed.
 */
public class RecordCheck implements Processor {

  /** The message log's exchange of a check. */
  public static final String EXCHANGE = "check";

  private final Evidence evidence;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;

  public RecordCheck(Evidence evidence, TransactionTemplate transactions, MeterRegistry meters) {
    this.evidence = evidence;
    this.transactions = transactions;
    this.meters = meters;
  }

  @Override
  public void process(Exchange exchange) {
    Check check = Check.of(exchange);
    ObjectNode result = check.result();
    String outcome =
        result.path("status").asText(result.path("found").asBoolean() ? "found" : "not_found");
    transactions.executeWithoutResult(tx -> record(check, outcome));
    meters
        .counter(
            "saphan.checks",
            "connector",
            check.card().name(),
            "operation",
            check.operationName(),
            "outcome",
            Boolean.TRUE.equals(exchange.getProperty(VerifyAnswer.REFUSED, Boolean.class))
                ? "refused"
                : result.path("found").asBoolean() ? "found" : "not_found")
        .increment();
    ObjectNode answer = result.deepCopy();
    answer.put("operation", check.operationName());
    answer.put("requestId", check.requestId().toString());
    answer.put("signedAnswer", check.answerKid() != null);
    exchange.getMessage().getHeaders().clear();
    exchange.getMessage().setBody(answer);
  }

  private void record(Check check, String outcome) {
    recordQuestion(evidence, check);
    recordAnswer(evidence, check, outcome, null);
    if (check.prefill() != null) {
      check
          .prefill()
          .reads()
          .forEach(read -> evidence.record(read.correlation(check.requestId().toString())));
    }
  }

  /** The signed question, out. */
  static void recordQuestion(Evidence evidence, Check check) {
    byte[] sent = check.signed().body();
    evidence.record(
        entry(check, "check_request", "out")
            .outcome("sent")
            .sha256(Digests.sha256(sent))
            .body(sent, check.caller().citizenId())
            .signature(
                new String(check.signed().detachedSignature(), StandardCharsets.US_ASCII),
                check.signed().kid()));
  }

  /**
   * What came back, in: the answer's exact bytes when there is one, else only the outcome (the
   * failure's code when the check failed).
   */
  static void recordAnswer(Evidence evidence, Check check, String outcome, String error) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("operation", check.operationName());
    Evidence.Entry entry = entry(check, "check_answer", "in").outcome(outcome);
    if (check.answer() != null) {
      byte[] answered = check.answer().body();
      detail.put("httpStatus", check.answer().status());
      detail.put("millis", check.answer().elapsedMillis());
      entry
          .sha256(Digests.sha256(answered))
          .body(answered, check.caller().citizenId())
          .signature(check.answer().header(SignCheck.SIGNATURE).orElse(null), check.answerKid());
    }
    if (check.result() != null) {
      detail.put("found", check.result().path("found").asBoolean());
    }
    if (error != null) {
      detail.put("error", error);
    }
    evidence.record(entry.detail(detail));
  }

  private static Evidence.Entry entry(Check check, String kind, String direction) {
    Authorisation authorisation = check.sharing() == null ? null : check.sharing().authorisation();
    return Evidence.entry(kind)
        .correlation(check.requestId().toString())
        .message(check.requestId().toString())
        .exchange(EXCHANGE, direction)
        .card(check.card())
        .authorisedBy(
            authorisation == null ? null : authorisation.consentRecordId(),
            authorisation == null ? null : authorisation.lawfulBasis());
  }
}
