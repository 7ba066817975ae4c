package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.sandbox.ThaiCitizenId;
import org.saphan.sandbox.common.DetachedJws;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The LED bankruptcy check as the hub meets it (docs/agency/checks.md): the register's verdicts,
 * signed by party {@code led}, and every refusal with the contract's status and code.
 */
class LedBankruptcyCheckTest extends CheckAgencyTest {

  @Test
  void shouldAnswerNotBankruptSignedByLedWhenCitizenIsAPersona() throws Exception {
    // given
    String requestId = UUID.randomUUID().toString();

    // when
    MockHttpServletResponse response =
        checks
            .mvc
            .perform(checks.check(CheckFixture.request(requestId, CheckFixture.SOMCHAI)))
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Type", "application/json;charset=UTF-8"))
            .andReturn()
            .getResponse();

    // then
    JsonNode answer = CheckFixture.body(response);
    assertThat(answer.path("requestId").asText()).isEqualTo(requestId);
    assertThat(answer.path("citizenId").asText()).isEqualTo(CheckFixture.SOMCHAI);
    assertThat(answer.path("status").asText()).isEqualTo("NOT_BANKRUPT");
    assertThat(answer.path("checkedAt").asText()).isEqualTo("2026-12-07T09:15:02Z");
    assertThat(answer.path("validUntil").asText()).isEqualTo("2026-12-08T09:15:02Z");
    assertThat(answer.has("caseNumber")).isFalse();
    assertThat(checks.verifiesWithLedKey(response)).isTrue();
  }

  @Test
  void shouldNameLedKeyByItsThumbprintWithIatAndJtiWhenAnswering() throws Exception {
    // when
    MockHttpServletResponse response =
        checks
            .mvc
            .perform(checks.check(CheckFixture.request(CheckFixture.SOMCHAI)))
            .andReturn()
            .getResponse();

    // then
    JWSHeader jws = CheckFixture.header(response);
    assertThat(jws.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jws.getKeyID()).isEqualTo(checks.ledThumbprint());
    assertThat(jws.getCustomParam(DetachedJws.IAT)).isEqualTo(CheckFixture.START.getEpochSecond());
    assertThat(jws.getCustomParam(DetachedJws.JTI)).isInstanceOf(String.class);
    // The same signature checked without Nimbus: the JDK's ECDSA over the RFC 7515 signing input.
    String[] parts = response.getHeader(DetachedJws.HEADER).split("\\.", -1);
    Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
    ecdsa.initVerify(checks.ledCertificate().getPublicKey());
    ecdsa.update(
        (parts[0]
                + "."
                + java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(response.getContentAsByteArray()))
            .getBytes(StandardCharsets.US_ASCII));
    assertThat(ecdsa.verify(java.util.Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void shouldAnswerBankruptWithTheCaseWhenCitizenIsTheDocumentedBankrupt() throws Exception {
    // given
    assertThat(ThaiCitizenId.isValid(LedRegister.BANKRUPT_CITIZEN_ID)).isTrue();

    // when
    MockHttpServletResponse response =
        checks
            .mvc
            .perform(checks.check(CheckFixture.request(LedRegister.BANKRUPT_CITIZEN_ID)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();

    // then
    JsonNode answer = CheckFixture.body(response);
    assertThat(answer.path("status").asText()).isEqualTo("BANKRUPT");
    assertThat(answer.path("caseNumber").asText()).isEqualTo("ล.1234/2566");
    assertThat(answer.path("court").asText()).isEqualTo("ศาลล้มละลายกลาง");
    assertThat(answer.path("orderDate").asText()).isEqualTo("2023-06-15");
    assertThat(checks.verifiesWithLedKey(response)).isTrue();
  }

  @Test
  void shouldAnswerNotFoundWhenCitizenIsNotInTheRegister() throws Exception {
    // given
    assertThat(ThaiCitizenId.isValid(CheckFixture.STRANGER)).isTrue();

    // when
    MockHttpServletResponse response =
        checks
            .mvc
            .perform(checks.check(CheckFixture.request(CheckFixture.STRANGER)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();

    // then
    assertThat(CheckFixture.body(response).path("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(checks.verifiesWithLedKey(response)).isTrue();
  }

  static Stream<Arguments> notTheContractsJson() {
    String valid =
        CheckFixture.request("7d4c1c2e-3f0a-4b59-9a53-2b1e0c6f8a10", CheckFixture.SOMCHAI);
    return Stream.of(
        Arguments.of("not JSON", "{\"requestId\": "),
        Arguments.of("not an object", "[" + valid + "]"),
        Arguments.of("an unknown field", valid.replace("{", "{\"extra\": \"x\", ")),
        Arguments.of("a field missing", valid.replace("\"lastName\": \"ใจดี\",", "")),
        Arguments.of(
            "a field twice",
            valid.replace("{", "{\"citizenId\": \"" + CheckFixture.SOMCHAI + "\",")),
        Arguments.of("a number for a string", valid.replace("\"ใจดี\"", "42")),
        Arguments.of("trailing content", valid + "{}"),
        // The contract's own example id: its last digit is not the Thai check digit (0).
        Arguments.of("a bad check digit", valid.replace(CheckFixture.SOMCHAI, "1101700203451")),
        Arguments.of("12 digits", valid.replace(CheckFixture.SOMCHAI, "310120045678")),
        Arguments.of("a requestedAt that is no instant", valid.replace("09:15:02Z", "09:15")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notTheContractsJson")
  void shouldRefuseAsInvalidRequestWhenBodyIsNotTheContractsJson(String what, String body)
      throws Exception {
    // given: signed by the hub and with a message id, so only the body is wrong
    String requestId = "7d4c1c2e-3f0a-4b59-9a53-2b1e0c6f8a10";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    // when
    ResultActions result =
        checks.mvc.perform(CheckFixture.send(bytes, requestId, checks.hubSignature(bytes)));

    // then
    result
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_request"))
        .andExpect(jsonPath("$.message").isString());
  }

  @Test
  void shouldRefuseAsInvalidRequestWhenContentTypeIsNotJson() throws Exception {
    checks
        .mvc
        .perform(
            checks
                .check(CheckFixture.request(CheckFixture.SOMCHAI))
                .contentType(MediaType.TEXT_PLAIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_request"));
  }

  @Test
  void shouldRefuseAsInvalidRequestWhenMessageIdIsNotTheRequestId() throws Exception {
    // given
    byte[] body = CheckFixture.request(CheckFixture.SOMCHAI).getBytes(StandardCharsets.UTF_8);

    // when, then
    checks
        .mvc
        .perform(CheckFixture.send(body, UUID.randomUUID().toString(), checks.hubSignature(body)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_request"))
        .andExpect(jsonPath("$.message").value("X-Message-Id must be the requestId"));
  }

  @Test
  void shouldRefuseAsSignatureInvalidWhenSignatureIsMissing() throws Exception {
    // given
    String body = CheckFixture.request(CheckFixture.SOMCHAI);

    // when, then
    checks
        .mvc
        .perform(
            CheckFixture.send(
                body.getBytes(StandardCharsets.UTF_8), CheckFixture.requestId(body), null))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("signature_invalid"));
  }

  @Test
  void shouldRefuseAsSignatureInvalidWhenBodyIsNotWhatTheHubSigned() throws Exception {
    // given
    String signed = CheckFixture.request(CheckFixture.SOMCHAI);
    String sent = signed.replace(CheckFixture.SOMCHAI, LedRegister.BANKRUPT_CITIZEN_ID);

    // when, then
    checks
        .mvc
        .perform(
            CheckFixture.send(
                sent.getBytes(StandardCharsets.UTF_8),
                CheckFixture.requestId(signed),
                checks.hubSignature(signed.getBytes(StandardCharsets.UTF_8))))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("signature_invalid"));
  }

  @Test
  void shouldRefuseAsSignatureInvalidWhenSignerIsNotTheHub() throws Exception {
    // given
    String request = CheckFixture.request(CheckFixture.SOMCHAI);
    byte[] body = request.getBytes(StandardCharsets.UTF_8);

    // when, then
    checks
        .mvc
        .perform(
            CheckFixture.send(
                body,
                CheckFixture.requestId(request),
                DetachedJws.sign(body, checks.pki.strangerEc(), checks.clock.instant())))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("signature_invalid"));
  }

  @Test
  void shouldRefuseAsSignatureInvalidWhenIatIsOlderThanFiveMinutes() throws Exception {
    // given
    String request = CheckFixture.request(CheckFixture.SOMCHAI);
    byte[] body = request.getBytes(StandardCharsets.UTF_8);
    Instant stale = checks.clock.instant().minus(Duration.ofSeconds(301));

    // when, then
    checks
        .mvc
        .perform(
            CheckFixture.send(
                body,
                CheckFixture.requestId(request),
                DetachedJws.sign(body, checks.pki.hubEc(), stale)))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("signature_invalid"));
  }

  @Test
  void shouldRefuseAsDuplicateWhenRequestIdWasSeenInTheLastTenMinutes() throws Exception {
    // given
    String body = CheckFixture.request(CheckFixture.SOMCHAI);
    checks.mvc.perform(checks.check(body)).andExpect(status().isOk());
    checks.clock.advance(Duration.ofMinutes(9));

    // when: signed anew (another jti), the same request id
    checks
        .mvc
        .perform(checks.check(body))
        // then
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("duplicate_request"));
  }

  @Test
  void shouldAnswerAgainWhenRequestIdIsOlderThanTenMinutes() throws Exception {
    // given
    String body = CheckFixture.request(CheckFixture.SOMCHAI);
    checks.mvc.perform(checks.check(body)).andExpect(status().isOk());
    checks.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

    // when, then
    checks.mvc.perform(checks.check(body)).andExpect(status().isOk());
  }

  @Test
  void shouldListChecksWithMaskedCitizenIdsWhenAsked() throws Exception {
    // given
    String accepted = CheckFixture.request(LedRegister.BANKRUPT_CITIZEN_ID);
    checks.mvc.perform(checks.check(accepted));
    String refused = CheckFixture.request(CheckFixture.SOMCHAI);
    checks.mvc.perform(
        CheckFixture.send(
            refused.getBytes(StandardCharsets.UTF_8), CheckFixture.requestId(refused), "x..y"));

    // when, then
    checks
        .mvc
        .perform(get("/sandbox/v1/agencies/led/checks"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].requestId").value(CheckFixture.requestId(accepted)))
        .andExpect(jsonPath("$[0].citizenId").value("3-1005-xxxxx-xx-6"))
        .andExpect(jsonPath("$[0].signature").value("verified"))
        .andExpect(jsonPath("$[0].httpStatus").value(200))
        .andExpect(jsonPath("$[0].status").value("BANKRUPT"))
        .andExpect(jsonPath("$[0].fault").value("none"))
        .andExpect(jsonPath("$[1].signature").value("malformed"))
        .andExpect(jsonPath("$[1].httpStatus").value(401))
        .andExpect(jsonPath("$[1].status").value("signature_invalid"));
  }
}
