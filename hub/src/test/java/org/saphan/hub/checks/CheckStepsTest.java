package org.saphan.hub.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CircuitBreakerConstants;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.security.egress.EgressResponse;
import org.saphan.hub.support.SampleCatalog;

/**
 * The check route's steps that decide what the portal is answered, without the sandbox: the circuit
 * breaker's fallback (timeout, open circuit, failure), the answer's checks before it is read (the
 * agency refusing the hub or the question, not JSON, unsigned) and the mapping's (about another
 * request, no verdict).
 */
class CheckStepsTest {

  private static final CamelContext CAMEL = new DefaultCamelContext();
  private static final ConnectorCard LED = SampleCatalog.get().get("led-bankruptcy-check");
  private static final String CITIZEN = "3101200456789";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private static Exchange exchange(EgressResponse answer) {
    Caller caller =
        new Caller(
            Caller.Kind.CITIZEN,
            "sub-1",
            CITIZEN,
            "สมชาย",
            "ใจดี",
            "2.3",
            List.of(),
            null,
            false,
            Map.of(),
            Map.of(),
            0L);
    Check check =
        new Check(
            caller,
            LED,
            "bankruptcy-status",
            LED.checks().orElseThrow().operation("bankruptcy-status").orElseThrow(),
            JsonNodeFactory.instance.objectNode(),
            UUID.fromString("0b6f3c9e-6a53-4a1e-9d0e-3c5c2b6c0f11"),
            Instant.parse("2026-12-07T09:15:02Z"));
    check.answer(answer);
    Exchange exchange = new DefaultExchange(CAMEL);
    exchange.setProperty(Check.PROPERTY, check);
    return exchange;
  }

  private static EgressResponse answer(int status, String contentType, String body) {
    return new EgressResponse(
        null,
        null,
        status,
        contentType,
        body.getBytes(StandardCharsets.UTF_8),
        false,
        0,
        12,
        Map.of());
  }

  private static ErrorCode failure(Runnable step) {
    return catchThrowableOfType(SaphanException.class, step::run).code();
  }

  @Test
  void shouldAnswerAgencyTimeoutWhenTheCallRanOutOfItsBudget() {
    Exchange exchange = exchange(null);
    exchange.setProperty(
        Exchange.EXCEPTION_CAUGHT, new SendCheck.CheckCallFailure(true, "no answer", null));

    SaphanException refusal =
        catchThrowableOfType(
            SaphanException.class, () -> new CheckFallback(meters, 30).process(exchange));

    assertThat(refusal.code()).isEqualTo(ErrorCode.AGENCY_TIMEOUT);
    assertThat(refusal.getMessage()).contains("did not answer within 2000 ms");
    assertThat(
            meters
                .counter(
                    "saphan.checks",
                    "connector",
                    "led-bankruptcy-check",
                    "operation",
                    "bankruptcy-status",
                    "outcome",
                    "timeout")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldAnswerAgencyUnavailableWithRetryAfterWhenTheCircuitIsOpen() {
    Exchange exchange = exchange(null);
    exchange.setProperty(
        Exchange.EXCEPTION_CAUGHT,
        CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x")));
    exchange.setProperty(CircuitBreakerConstants.RESPONSE_SHORT_CIRCUITED, true);

    SaphanException refusal =
        catchThrowableOfType(
            SaphanException.class, () -> new CheckFallback(meters, 30).process(exchange));

    assertThat(refusal.code()).isEqualTo(ErrorCode.AGENCY_UNAVAILABLE);
    assertThat(refusal.getMessage()).contains("circuit is open");
    assertThat(refusal.properties()).containsEntry("retryAfterSeconds", 30L);
  }

  @Test
  void shouldAnswerAgencyUnavailableWhenTheAgencyFailedWithoutOpeningTheCircuit() {
    // Camel marks every fallback short-circuited; with an exception it is a failed call
    Exchange exchange = exchange(null);
    exchange.setProperty(
        Exchange.EXCEPTION_CAUGHT, new SendCheck.CheckCallFailure(false, "HTTP 503", null));
    exchange.setProperty(CircuitBreakerConstants.RESPONSE_SHORT_CIRCUITED, true);

    SaphanException refusal =
        catchThrowableOfType(
            SaphanException.class, () -> new CheckFallback(meters, 30).process(exchange));

    assertThat(refusal.code()).isEqualTo(ErrorCode.AGENCY_UNAVAILABLE);
    assertThat(refusal.getMessage()).contains("could not be asked (HTTP 503)");
  }

  @Test
  void shouldTellTheAgencyRefusingTheHubFromTheAgencyRefusingTheQuestion() {
    VerifyAnswer verify = new VerifyAnswer(null, null);

    assertThat(failure(() -> verify.process(exchange(answer(401, "application/json", "{}")))))
        .isEqualTo(ErrorCode.AGENCY_REFUSED_CREDENTIALS);

    Exchange refused =
        exchange(
            answer(
                409,
                "application/problem+json",
                "{\"code\": \"duplicate_request\", \"message\": \"seen\"}"));
    verify.process(refused);
    assertThat(refused.getProperty(VerifyAnswer.REFUSED, Boolean.class)).isTrue();
    assertThat(Check.of(refused).result().toString())
        .contains("\"status\":\"refused\"")
        .contains("\"code\":\"duplicate_request\"")
        .contains("\"httpStatus\":409");
  }

  @Test
  void shouldRefuseAnAnswerThatIsNotJsonOrIsUnsigned() {
    VerifyAnswer verify = new VerifyAnswer(null, null);

    assertThat(failure(() -> verify.process(exchange(answer(200, "text/html", "<html/>")))))
        .isEqualTo(ErrorCode.AGENCY_ANSWER_INVALID);
    SaphanException unsigned =
        catchThrowableOfType(
            SaphanException.class,
            () -> verify.process(exchange(answer(200, "application/json", "{}"))));
    assertThat(unsigned.code()).isEqualTo(ErrorCode.AGENCY_ANSWER_INVALID);
    assertThat(unsigned.getMessage()).contains("carries no X-JWS-Signature");
  }

  @Test
  void shouldRefuseAMappedAnswerAboutAnotherRequestOrWithoutAVerdict() {
    MapAnswer map = new MapAnswer(new MappingRunner(SampleCatalog.HOME));

    SaphanException other =
        catchThrowableOfType(
            SaphanException.class,
            () ->
                map.process(
                    exchange(
                        answer(
                            200,
                            "application/json",
                            "{\"requestId\": \"5d1f0e2a-8c4b-4f7e-a1d3-9b2c6e4f8a10\","
                                + " \"citizenId\": \""
                                + CITIZEN
                                + "\", \"status\": \"NOT_BANKRUPT\"}"))));
    assertThat(other.code()).isEqualTo(ErrorCode.AGENCY_ANSWER_INVALID);
    assertThat(other.getMessage()).contains("requestId is not the question's");

    Exchange good =
        exchange(
            answer(
                200,
                "application/json",
                "{\"requestId\": \"0b6f3c9e-6a53-4a1e-9d0e-3c5c2b6c0f11\", \"citizenId\": \""
                    + CITIZEN
                    + "\", \"status\": \"BANKRUPT\", \"caseNumber\": \"ล.1234/2566\","
                    + " \"court\": \"ศาลล้มละลายกลาง\", \"orderDate\": \"2023-06-15\","
                    + " \"checkedAt\": \"2026-12-07T09:15:02Z\","
                    + " \"validUntil\": \"2026-12-08T09:15:02Z\"}"));
    map.process(good);
    assertThat(Check.of(good).result().path("status").asText()).isEqualTo("bankrupt");
    assertThat(Check.of(good).result().path("items").get(0).path("reference").asText())
        .isEqualTo("ล.1234/2566");

    assertThat(failure(() -> map.process(exchange(answer(200, "application/json", "[1]")))))
        .isEqualTo(ErrorCode.AGENCY_ANSWER_INVALID);
  }
}
