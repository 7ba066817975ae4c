package org.saphan.hub.checks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.EgressProblems;
import org.saphan.hub.security.egress.EgressRequest;
import org.saphan.hub.security.egress.EgressResponse;

/**
 * The check route's {@code send} step, inside its circuit breaker: POSTs the signed question to the
 * operation's endpoint through the hub's one {@link EgressClient}, within the operation's time
 * budget (connect, send and answer), reading at most {@value #MAX_ANSWER_BYTES} bytes. A call
 * without an answer in time, or refused, or answered 408, 429 or 5xx, fails here ({@link
 * CheckCallFailure}), which the breaker counts; any other answer is kept for the next steps.
 */
public class SendCheck implements Processor {

  /** The largest answer read. */
  static final int MAX_ANSWER_BYTES = 1024 * 1024;

  private final EgressClient egress;

  public SendCheck(EgressClient egress) {
    this.egress = egress;
  }

  @Override
  public void process(Exchange exchange) {
    Check check = Check.of(exchange);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        SignCheck.MESSAGE_ID, exchange.getMessage().getHeader(SignCheck.MESSAGE_ID, String.class));
    headers.put(
        SignCheck.SIGNATURE, exchange.getMessage().getHeader(SignCheck.SIGNATURE, String.class));
    EgressRequest request =
        EgressRequest.post(
                check.operation().endpoint(),
                "application/json; charset=UTF-8",
                exchange.getMessage().getBody(byte[].class))
            .withAccept("application/json")
            .withHeaders(headers)
            .withTimeout(Duration.ofMillis(check.operation().budgetMillis()))
            .withMaxBody(MAX_ANSWER_BYTES);
    EgressResponse answer;
    try {
      answer = egress.send(check.card().name(), request);
    } catch (SaphanException e) {
      if (e.code() == ErrorCode.UPSTREAM_UNAVAILABLE) {
        throw new CheckCallFailure(EgressProblems.isTimeout(e), e.getMessage(), e);
      }
      if (e.code() == ErrorCode.UPSTREAM_BAD_RESPONSE) {
        // the agency answered, with something unreadable (more than 1 MiB): not an outage
        check.invalidAnswer(e.getMessage());
        return;
      }
      throw e;
    }
    int status = answer.status();
    if (status == 408 || status == 429 || status >= 500) {
      throw new CheckCallFailure(false, "agency answered HTTP " + status, null);
    }
    check.answer(answer);
  }

  /**
   * A call the circuit breaker counts as failed: no answer in time, unreachable, or 408/429/5xx.
   */
  public static final class CheckCallFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    CheckCallFailure(boolean timeout, String message, Throwable cause) {
      super(message, cause);
      this.timeout = timeout;
    }

    /** Whether the call ran out of its time budget. */
    public boolean timeout() {
      return timeout;
    }
  }
}
