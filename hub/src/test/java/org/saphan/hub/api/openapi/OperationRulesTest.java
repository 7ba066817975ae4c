package org.saphan.hub.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saphan.hub.api.ApiErrors;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.identity.Caller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

class OperationRulesTest {

  /** Handlers of every shape the rules tell apart. */
  @ApiErrors(ErrorCode.SERVICE_NOT_FOUND)
  static final class Fixture {
    void open() {}

    @ApiErrors({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.FORBIDDEN})
    void authenticated(Caller caller) {}

    void json(@RequestBody String body) {}

    void validated(@Valid @RequestBody Object body) {}

    void signed(
        @RequestBody byte[] body,
        @RequestHeader(name = "X-JWS-Signature", required = false) String signature) {}

    @ApiErrors(ErrorCode.SIGNATURE_INVALID)
    void soap(@RequestBody byte[] envelope) {}

    void converted(@PathVariable("id") UUID id) {}

    void header(@RequestHeader(name = "Idempotency-Key") String key) {}
  }

  private static List<HandlerMethod> handler(String name) {
    Method method =
        Arrays.stream(Fixture.class.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    return List.of(new HandlerMethod(new Fixture(), method));
  }

  @Test
  void shouldGiveTheEdgeRefusalsOnlyWhenTheOperationIsOpen() {
    // when
    OperationRules.Facts facts = OperationRules.of("GET", "/api/v1/services", handler("open"));
    // then: the edge's, the limiter's and the controller's @ApiErrors; no scheme
    assertThat(facts.problems())
        .containsExactlyInAnyOrder(
            ErrorCode.MALFORMED_PATH,
            ErrorCode.MALFORMED_REQUEST,
            ErrorCode.HEADERS_TOO_LARGE,
            ErrorCode.NOT_ACCEPTABLE,
            ErrorCode.INTERNAL_ERROR,
            ErrorCode.SERVICE_UNAVAILABLE,
            ErrorCode.RATE_LIMITED,
            ErrorCode.SERVICE_NOT_FOUND);
    assertThat(facts.security()).isEmpty();
    assertThat(facts.soapFaults()).isEmpty();
  }

  @Test
  void shouldRequireTheBearerTokenWhenTheHandlerTakesTheCaller() {
    // when
    OperationRules.Facts facts =
        OperationRules.of("GET", "/api/v1/applications/{id}", handler("authenticated"));
    // then: the token's refusals, and the class's and the method's @ApiErrors together
    assertThat(facts.security()).containsExactly(OperationRules.BEARER);
    assertThat(facts.problems())
        .containsAll(OperationRules.BEARER_REFUSALS)
        .contains(
            ErrorCode.SERVICE_NOT_FOUND, ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.FORBIDDEN);
  }

  @Test
  void shouldRequireTheBearerTokenWhenTheOperatorCheckGuardsThePath() {
    // when
    OperationRules.Facts guarded = OperationRules.of("GET", "/ops/v1/routes", handler("open"));
    OperationRules.Facts status = OperationRules.of("GET", "/ops/v1/status", handler("open"));
    // then: the handler takes no caller, the interceptor checks the token all the same
    assertThat(guarded.security()).containsExactly(OperationRules.BEARER);
    assertThat(guarded.problems()).contains(ErrorCode.TOKEN_MISSING);
    assertThat(status.security()).isEmpty();
    assertThat(status.problems()).doesNotContain(ErrorCode.TOKEN_MISSING);
  }

  @Test
  void shouldGiveTheBodyRefusalsWhenTheHandlerReadsAJsonBody() {
    // when
    OperationRules.Facts json = OperationRules.of("POST", "/api/v1/consents", handler("json"));
    OperationRules.Facts validated =
        OperationRules.of("POST", "/api/v1/consents", handler("validated"));
    // then
    assertThat(json.problems())
        .contains(
            ErrorCode.MALFORMED_JSON, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE)
        .doesNotContain(ErrorCode.VALIDATION_FAILED);
    assertThat(validated.problems()).contains(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void shouldRequireTheJwsSchemeOfThePartyWhenTheHandlerReadsTheSignatureHeader() {
    // when
    OperationRules.Facts agency =
        OperationRules.of("POST", "/agency/v1/applications/{id}/status", handler("signed"));
    OperationRules.Facts gateway =
        OperationRules.of("POST", "/payment/v1/notifications", handler("signed"));
    // then
    assertThat(agency.security()).containsExactly(OperationRules.AGENCY_JWS);
    assertThat(agency.problems()).containsAll(OperationRules.JWS_REFUSALS);
    assertThat(gateway.security()).containsExactly(OperationRules.GATEWAY_JWS);
    assertThat(gateway.problems()).containsAll(OperationRules.JWS_REFUSALS);
  }

  @Test
  void shouldAnswerTheHandlersRefusalsAsSoapFaultsWhenThePathTakesSoap() {
    // when
    OperationRules.Facts facts =
        OperationRules.of("POST", "/agency/soap/v1/status", handler("soap"));
    // then: the filters' refusals stay problems, the handler's are faults
    assertThat(facts.soapFaults())
        .containsExactlyInAnyOrder(
            ErrorCode.SIGNATURE_INVALID, ErrorCode.SERVICE_NOT_FOUND, ErrorCode.INTERNAL_ERROR);
    assertThat(facts.problems())
        .contains(ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE)
        .doesNotContain(ErrorCode.MALFORMED_JSON, ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldRefuseUnconvertibleValuesWhenAPathVariableIsNotText() {
    // when
    OperationRules.Facts facts =
        OperationRules.of("GET", "/backoffice/v1/tasks/{taskId}", handler("converted"));
    // then
    assertThat(facts.problems()).contains(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void shouldRefuseAMissingHeaderWhenTheHandlerRequiresIt() {
    // when
    OperationRules.Facts facts =
        OperationRules.of("POST", "/api/v1/applications", handler("header"));
    // then
    assertThat(facts.problems()).contains(ErrorCode.MISSING_HEADER);
  }
}
