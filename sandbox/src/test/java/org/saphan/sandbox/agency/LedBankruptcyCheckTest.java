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
class LedBankruptcyCheckTest extends LedAgencyTest {

  @Test
  void shouldAnswerNotBankruptSignedByLedWhenCitizenIsAPersona() throws Exception {
    // given
    String requestId = UUID.randomUUID().toString();

    // when
    MockHttpServletResponse response =
        led.mvc
            .perform(led.check(LedFixture.request(requestId, LedFixture.SOMCHAI)))
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Type", "application/json;charset=UTF-8"))
            .andReturn()
            .getResponse();

    // then
    JsonNode answer = LedFixture.body(response);
    assertThat(answer.path("requestId").asText()).isEqualTo(requestId);
    assertThat(answer.path("citizenId").asText()).isEqualTo(LedFixture.SOMCHAI);
    assertThat(answer.path("status").asText()).isEqualTo("NOT_BANKRUPT");
    assertThat(answer.path("checkedAt").asText()).isEqualTo("2026-12-07T09:15:02Z");
    assertThat(answer.path("validUntil").asText()).isEqualTo("2026-12-08T09:15:02Z");
    assertThat(answer.has("caseNumber")).isFalse();
    assertThat(led.verifiesWithLedKey(response)).isTrue();
  }

  @Test
  void shouldNameLedKeyByItsThumbprintWithIatAndJtiWhenAnswering() throws Exception {
    // when
    MockHttpServletResponse response =
        led.mvc
            .perform(led.check(LedFixture.request(LedFixture.SOMCHAI)))
            .andReturn()
            .getResponse();

    // then
    JWSHeader jws = LedFixture.header(response);
    assertThat(jws.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jws.getKeyID()).isEqualTo(led.ledThumbprint());
    assertThat(jws.getCustomParam(DetachedJws.IAT)).isEqualTo(LedFixture.START.getEpochSecond());
    assertThat(jws.getCustomParam(DetachedJws.JTI)).isInstanceOf(String.class);
    // The same signature checked without Nimbus: the JDK's ECDSA over the RFC 7515 signing input.
    String[] parts = response.getHeader(DetachedJws.HEADER).split("\\.", -1);
    Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
    ecdsa.initVerify(led.ledCertificate().getPublicKey());
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
        led.mvc
            .perform(led.check(LedFixture.request(LedRegister.BANKRUPT_CITIZEN_ID)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();

    // then
    JsonNode answer = LedFixture.body(response);
    assertThat(answer.path("status").asText()).isEqualTo("BANKRUPT");
    assertThat(answer.path("caseNumber").asText()).isEqualTo("ล.1234/2566");
    assertThat(answer.path("court").asText()).isEqualTo("ศาลล้มละลายกลาง");
    assertThat(answer.path("orderDate").asText()).isEqualTo("2023-06-15");
    assertThat(led.verifiesWithLedKey(response)).isTrue();
  }

  @Test
  void shouldAnswerNotFoundWhenCitizenIsNotInTheRegister() throws Exception {
    // given
    assertThat(ThaiCitizenId.isValid(LedFixture.STRANGER)).isTrue();

    // when
    MockHttpServletResponse response =
        led.mvc
            .perform(led.check(LedFixture.request(LedFixture.STRANGER)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();

    // then
    assertThat(LedFixture.body(response).path("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(led.verifiesWithLedKey(response)).isTrue();
  }

  static Stream<Arguments> notTheContractsJson() {
    String valid = LedFixture.request("7d4c1c2e-3f0a-4b59-9a53-2b1e0c6f8a10", LedFixture.SOMCHAI);
    return Stream.of(
        Arguments.of("not JSON", "{\"requestId\": "),
        Arguments.of("not an object", "[" + valid + "]"),
        Arguments.of("an unknown field", valid.replace("{", "{\"extra\": \"x\", ")),
        Arguments.of("a field missing", valid.replace("\"lastName\": \"ใจดี\",", "")),
        Arguments.of(
            "a field twice", valid.replace("{", "{\"citizenId\": \"" + LedFixture.SOMCHAI + "\",")),
        Arguments.of("a number for a string", valid.replace("\"ใจดี\"", "42")),
        Arguments.of("trailing content", valid + "{}"),
        // The contract's own example id: its last digit is not the Thai check digit (0).
        Arguments.of("a bad check digit", valid.replace(LedFixture.SOMCHAI, "1101700203451")),
        Arguments.of("12 digits", valid.replace(LedFixture.SOMCHAI, "310120045678")),
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
        led.mvc.perform(LedFixture.send(bytes, requestId, led.hubSignature(bytes)));

    // then
    result
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_request"))
        .andExpect(jsonPath("$.message").isString());
  }

  @Test
  void shouldRefuseAsInvalidRequestWhenContentTypeIsNotJson() throws Exception {
    led.mvc
        .perform(
            led.check(LedFixture.request(LedFixture.SOMCHAI)).contentType(MediaType.TEXT_PLAIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_request"));
  }

  @Test
  void shouldRefuseAsInvalidRequestWhenMessageIdIsNotTheRequestId() throws Exception {
    // given
    byte[] body = LedFixture.request(LedFixture.SOMCHAI).getBytes(StandardCharsets.UTF_8);

    // when, then
    led.mvc
        .perform(LedFixture.send(body, UUID.randomUUID().toString(), led.hubSignature(body)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_request"))
        .andExpect(jsonPath("$.message").value("X-Message-Id must be the requestId"));
  }

  @Test
  void shouldRefuseAsSignatureInvalidWhenSignatureIsMissing() throws Exception {
    // given
    String body = LedFixture.request(LedFixture.SOMCHAI);

    // when, then
    led.mvc
        .perform(
            LedFixture.send(
                body.getBytes(StandardCharsets.UTF_8), LedFixture.requestId(body), null))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("signature_invalid"));
  }

  @Test
  void shouldRefuseAsSignatureInvalidWhenBodyIsNotWhatTheHubSigned() throws Exception {
    // given
    String signed = LedFixture.request(LedFixture.SOMCHAI);
    String sent = signed.replace(LedFixture.SOMCHAI, LedRegister.BANKRUPT_CITIZEN_ID);

    // when, then
    led.mvc
        .perform(
            LedFixture.send(
                sent.getBytes(StandardCharsets.UTF_8),
                LedFixture.requestId(signed),
                led.hubSignature(signed.getBytes(StandardCharsets.UTF_8))))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("signature_invalid"));
  }

  @Test
  void shouldRefuseAsSignatureInvalidWhenSignerIsNotTheHub() throws Exception {
    // given
    String request = LedFixture.request(LedFixture.SOMCHAI);
    byte[] body = request.getBytes(StandardCharsets.UTF_8);

    // when, then
    led.mvc
        .perform(
            LedFixture.send(
                body,
                LedFixture.requestId(request),
                DetachedJws.sign(body, led.pki.strangerEc(), led.clock.instant())))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("signature_invalid"));
  }

  @Test
  void shouldRefuseAsSignatureInvalidWhenIatIsOlderThanFiveMinutes() throws Exception {
    // given
    String request = LedFixture.request(LedFixture.SOMCHAI);
    byte[] body = request.getBytes(StandardCharsets.UTF_8);
    Instant stale = led.clock.instant().minus(Duration.ofSeconds(301));

    // when, then
    led.mvc
        .perform(
            LedFixture.send(
                body,
                LedFixture.requestId(request),
                DetachedJws.sign(body, led.pki.hubEc(), stale)))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("signature_invalid"));
  }

  @Test
  void shouldRefuseAsDuplicateWhenRequestIdWasSeenInTheLastTenMinutes() throws Exception {
    // given
    String body = LedFixture.request(LedFixture.SOMCHAI);
    led.mvc.perform(led.check(body)).andExpect(status().isOk());
    led.clock.advance(Duration.ofMinutes(9));

    // when: signed anew (another jti), the same request id
    led.mvc
        .perform(led.check(body))
        // then
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("duplicate_request"));
  }

  @Test
  void shouldAnswerAgainWhenRequestIdIsOlderThanTenMinutes() throws Exception {
    // given
    String body = LedFixture.request(LedFixture.SOMCHAI);
    led.mvc.perform(led.check(body)).andExpect(status().isOk());
    led.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

    // when, then
    led.mvc.perform(led.check(body)).andExpect(status().isOk());
  }

  @Test
  void shouldListChecksWithMaskedCitizenIdsWhenAsked() throws Exception {
    // given
    String accepted = LedFixture.request(LedRegister.BANKRUPT_CITIZEN_ID);
    led.mvc.perform(led.check(accepted));
    String refused = LedFixture.request(LedFixture.SOMCHAI);
    led.mvc.perform(
        LedFixture.send(
            refused.getBytes(StandardCharsets.UTF_8), LedFixture.requestId(refused), "x..y"));

    // when, then
    led.mvc
        .perform(get("/sandbox/v1/agencies/led/checks"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].requestId").value(LedFixture.requestId(accepted)))
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
