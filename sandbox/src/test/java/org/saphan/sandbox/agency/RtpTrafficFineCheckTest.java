package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.sandbox.common.DetachedJws;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The police's traffic-fine check as the hub meets it (docs/agency/checks.md): the ticket book's
 * answers signed by party {@code rtp}, every refusal with the contract's status and code, the
 * faults on its own control path and its query log. The rules are {@link SignedCheckAgency}'s,
 * tested in depth through LED ({@link LedBankruptcyCheckTest}, {@link LedFaultsTest}).
 */
class RtpTrafficFineCheckTest extends CheckAgencyTest {

  private static final String SOMCHAI = CheckFixture.SOMCHAI;

  private MockHttpServletResponse query(String body) throws Exception {
    return checks.mvc.perform(checks.query(body)).andReturn().getResponse();
  }

  private void fault(String body) throws Exception {
    checks
        .mvc
        .perform(
            post("/sandbox/v1/agencies/rtp/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isOk());
  }

  @Test
  void shouldAnswerBothOpenTicketsSignedByRtpWhenSomchaiAsksWithoutPlate() throws Exception {
    // given
    String body = CheckFixture.query(SOMCHAI, null);

    // when
    MockHttpServletResponse response = query(body);

    // then
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).isEqualTo("application/json;charset=UTF-8");
    JsonNode answer = CheckFixture.body(response);
    assertThat(answer.path("requestId").asText()).isEqualTo(CheckFixture.requestId(body));
    assertThat(answer.path("citizenId").asText()).isEqualTo(SOMCHAI);
    assertThat(answer.path("tickets").size()).isEqualTo(2);
    assertThat(answer.path("totalDue").asText()).isEqualTo("1500.00");
    assertThat(answer.path("checkedAt").asText()).isEqualTo("2026-12-07T09:15:02Z");
    assertThat(answer.path("validUntil").asText()).isEqualTo("2026-12-07T21:15:02Z");
    JsonNode first = answer.path("tickets").get(0);
    assertThat(first.path("ticketNo").asText()).isEqualTo("BK6701234567");
    assertThat(first.path("offence").asText()).isEqualTo("ขับรถเร็วเกินกว่าที่กฎหมายกำหนด");
    assertThat(first.path("issuedAt").asText()).isEqualTo("2026-11-20T08:42:00+07:00");
    assertThat(first.path("location").asText()).isEqualTo("ถนนวิภาวดีรังสิต กรุงเทพมหานคร");
    assertThat(first.path("plateNumber").asText()).isEqualTo("1กข 1234");
    assertThat(first.path("amount").asText()).isEqualTo("500.00");
    assertThat(first.path("dueDate").asText()).isEqualTo("2026-12-20");
    assertThat(first.path("billerId").asText()).isEqualTo("099400016550100");
    assertThat(first.path("ref1").asText()).isEqualTo("BK6701234567");
    assertThat(first.path("ref2").asText()).isEqualTo(SOMCHAI);
    JsonNode second = answer.path("tickets").get(1);
    assertThat(second.path("plateNumber").asText()).isEqualTo("2ขค 5678");
    assertThat(second.path("amount").asText()).isEqualTo("1000.00");
    assertThat(second.path("dueDate").asText()).isEqualTo("2026-12-28");
    assertThat(checks.verifiesWith("rtp", response)).isTrue();
  }

  @Test
  void shouldNameRtpKeyByItsThumbprintWhenAnswering() throws Exception {
    // when
    MockHttpServletResponse response = query(CheckFixture.query(SOMCHAI, null));

    // then
    JWSHeader jws = CheckFixture.header(response);
    assertThat(jws.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jws.getKeyID()).isEqualTo(checks.thumbprint("rtp"));
    assertThat(jws.getCustomParam(DetachedJws.JTI)).isInstanceOf(String.class);
    assertThat(checks.verifiesWith("led", response)).isFalse();
  }

  @Test
  void shouldAnswerOnlyThatPlatesTicketWhenPlateIsGiven() throws Exception {
    // when
    MockHttpServletResponse response = query(CheckFixture.query(SOMCHAI, "2ขค 5678"));

    // then
    JsonNode answer = CheckFixture.body(response);
    assertThat(answer.path("tickets").size()).isEqualTo(1);
    assertThat(answer.path("tickets").get(0).path("ticketNo").asText()).isEqualTo("BK6701245678");
    assertThat(answer.path("totalDue").asText()).isEqualTo("1000.00");
    assertThat(checks.verifiesWith("rtp", response)).isTrue();
  }

  @Test
  void shouldAnswerNoTicketWhenDriverHasNone() throws Exception {
    // when
    MockHttpServletResponse response = query(CheckFixture.query(CheckFixture.STRANGER, null));

    // then
    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode answer = CheckFixture.body(response);
    assertThat(answer.path("tickets").isArray()).isTrue();
    assertThat(answer.path("tickets").size()).isZero();
    assertThat(answer.path("totalDue").asText()).isEqualTo("0.00");
    assertThat(checks.verifiesWith("rtp", response)).isTrue();
  }

  @Test
  void shouldAnswerNoTicketWhenPlateIsNotTheDrivers() throws Exception {
    // when
    JsonNode answer = CheckFixture.body(query(CheckFixture.query(SOMCHAI, "9กก 9999")));

    // then
    assertThat(answer.path("tickets").size()).isZero();
    assertThat(answer.path("totalDue").asText()).isEqualTo("0.00");
  }

  static Stream<Arguments> notTheContractsJson() {
    String valid =
        """
        {"requestId": "5a1f0c3e-8b2d-4e6f-9a70-1c2d3e4f5a6b", "citizenId": "%s",
         "plateNumber": "1กข 1234", "requestedAt": "2026-12-07T09:15:02Z"}"""
            .formatted(SOMCHAI);
    return Stream.of(
        Arguments.of("not JSON", "{\"requestId\": "),
        Arguments.of("LED's names, unknown here", valid.replace("{", "{\"firstName\": \"x\", ")),
        Arguments.of(
            "requestedAt missing",
            valid.replace(", \"requestedAt\": \"2026-12-07T09:15:02Z\"", "")),
        Arguments.of("a plate of 21 characters", valid.replace("1กข 1234", "1".repeat(21))),
        Arguments.of("a number for the plate", valid.replace("\"1กข 1234\"", "1234")),
        Arguments.of("an empty plate", valid.replace("1กข 1234", "")),
        Arguments.of("a bad check digit", valid.replace(SOMCHAI, "3101200456780")),
        Arguments.of("a requestId that is no UUID", valid.replace("5a1f0c3e-", "5a1f0c3e")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notTheContractsJson")
  void shouldRefuseAsInvalidRequestWhenBodyIsNotTheContractsJson(String what, String body)
      throws Exception {
    // given: signed by the hub and with a message id, so only the body is wrong
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String requestId = "5a1f0c3e-8b2d-4e6f-9a70-1c2d3e4f5a6b";

    // when
    ResultActions result =
        checks.mvc.perform(
            CheckFixture.send(
                CheckAgencyController.RTP_PATH, bytes, requestId, checks.hubSignature(bytes)));

    // then
    result
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_request"));
  }

  /** How a refused query is sent, from its JSON and bytes. */
  @FunctionalInterface
  interface Sending {
    MockHttpServletRequestBuilder send(String query, byte[] body) throws Exception;
  }

  static Stream<Arguments> refusals() {
    Sending otherMessageId =
        (query, body) ->
            CheckFixture.send(
                CheckAgencyController.RTP_PATH,
                body,
                UUID.randomUUID().toString(),
                checks.hubSignature(body));
    Sending strangerSigned =
        (query, body) ->
            CheckFixture.send(
                CheckAgencyController.RTP_PATH,
                body,
                CheckFixture.requestId(query),
                DetachedJws.sign(body, checks.pki.strangerEc(), checks.clock.instant()));
    Sending unsigned =
        (query, body) ->
            CheckFixture.send(
                CheckAgencyController.RTP_PATH, body, CheckFixture.requestId(query), null);
    Sending again =
        (query, body) -> {
          checks.mvc.perform(checks.query(query)).andExpect(status().isOk());
          checks.clock.advance(Duration.ofMinutes(9));
          return checks.query(query);
        };
    return Stream.of(
        Arguments.of("X-Message-Id is not the requestId", otherMessageId, 400, "invalid_request"),
        Arguments.of("signed by a key not the hub's", strangerSigned, 401, "signature_invalid"),
        Arguments.of("no signature", unsigned, 401, "signature_invalid"),
        Arguments.of("requestId seen 9 minutes ago", again, 409, "duplicate_request"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void shouldRefuseWithTheContractsCodeWhenARuleIsBroken(
      String what, Sending sending, int status, String code) throws Exception {
    // given
    String query = CheckFixture.query(SOMCHAI, null);

    // when
    ResultActions result =
        checks.mvc.perform(sending.send(query, query.getBytes(StandardCharsets.UTF_8)));

    // then
    result.andExpect(status().is(status)).andExpect(jsonPath("$.code").value(code));
  }

  @Test
  void shouldTakeTheSameRequestIdAtLedAndAtThePoliceWhenEachSeesItOnce() throws Exception {
    // given: the replay window is each agency's own
    String requestId = UUID.randomUUID().toString();
    checks
        .mvc
        .perform(checks.check(CheckFixture.request(requestId, SOMCHAI)))
        .andExpect(status().isOk());
    String query = CheckFixture.query(SOMCHAI, null).replaceFirst("[0-9a-f-]{36}", requestId);

    // when, then
    checks.mvc.perform(checks.query(query)).andExpect(status().isOk());
  }

  static Stream<Arguments> refusingFaults() {
    return Stream.of(
        Arguments.of("down", 503, "service_unavailable"),
        Arguments.of("error", 500, "internal_error"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusingFaults")
  void shouldRefuseWithTheFaultsCodeWhenSetAndLeaveLedAlone(String mode, int status, String code)
      throws Exception {
    // given
    fault("{\"mode\": \"" + mode + "\"}");

    // when, then
    checks
        .mvc
        .perform(checks.query(CheckFixture.query(SOMCHAI, null)))
        .andExpect(status().is(status))
        .andExpect(jsonPath("$.code").value(code));
    checks.mvc.perform(checks.check(CheckFixture.request(SOMCHAI))).andExpect(status().isOk());
  }

  static Stream<Arguments> answerFaults() {
    // mode, a signature sent, rtp's key verifies it, the request id echoed, over 1 MiB
    return Stream.of(
        Arguments.of("tampered", true, false, true, false),
        Arguments.of("unsigned", false, false, true, false),
        Arguments.of("foreign-signature", true, false, true, false),
        Arguments.of("oversized", true, true, true, true),
        Arguments.of("wrong-request", true, true, false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answerFaults")
  void shouldChangeThePolicesAnswerAsTheFaultSays(
      String mode, boolean signed, boolean verifies, boolean echoed, boolean oversized)
      throws Exception {
    // given
    fault("{\"mode\": \"" + mode + "\"}");
    String body = CheckFixture.query(SOMCHAI, null);

    // when
    MockHttpServletResponse response = query(body);

    // then
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeader(DetachedJws.HEADER) != null).isEqualTo(signed);
    if (signed) {
      assertThat(CheckFixture.header(response).getKeyID()).isEqualTo(checks.thumbprint("rtp"));
    }
    assertThat(checks.verifiesWith("rtp", response)).isEqualTo(verifies);
    JsonNode answer = CheckFixture.body(response);
    assertThat(answer.path("requestId").asText().equals(CheckFixture.requestId(body)))
        .isEqualTo(echoed);
    assertThat(response.getContentAsByteArray().length > 1024 * 1024).isEqualTo(oversized);
    assertThat(answer.path("totalDue").asText()).isEqualTo("1500.00");
  }

  @Test
  void shouldListQueriesWithMaskedCitizenIdsWhenAsked() throws Exception {
    // given
    String answered = CheckFixture.query(SOMCHAI, null);
    checks.mvc.perform(checks.query(answered));
    checks.mvc.perform(checks.query(CheckFixture.query(CheckFixture.STRANGER, null)));
    fault("{\"mode\": \"down\"}");
    checks.mvc.perform(checks.query(CheckFixture.query(SOMCHAI, null)));

    // when
    JsonNode log =
        CheckFixture.body(
            checks.mvc.perform(get("/sandbox/v1/agencies/rtp/queries")).andReturn().getResponse());

    // then: the police's queries only, oldest first, the citizen masked
    assertThat(log.findValuesAsText("status"))
        .containsExactly(
            RtpTicketBook.OPEN_TICKETS, RtpTicketBook.NO_OPEN_TICKETS, "service_unavailable");
    assertThat(log.findValuesAsText("httpStatus")).containsExactly("200", "200", "503");
    assertThat(log.get(0).path("requestId").asText()).isEqualTo(CheckFixture.requestId(answered));
    assertThat(log.get(0).path("citizenId").asText()).isEqualTo("3-1012-xxxxx-xx-9");
    assertThat(log.get(0).path("signature").asText()).isEqualTo("verified");
    assertThat(log.get(2).path("fault").asText()).isEqualTo("down");
    assertThat(checks.agency.checks()).isEmpty();
  }

  @Test
  void shouldNotServeAQueryLogUnderLedsNameOrAChecksLogUnderThePolices() throws Exception {
    checks.mvc.perform(get("/sandbox/v1/agencies/led/queries")).andExpect(status().isNotFound());
    checks.mvc.perform(get("/sandbox/v1/agencies/rtp/checks")).andExpect(status().isNotFound());
  }
}
