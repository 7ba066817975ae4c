package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One strict JSON configuration (I-JSON, RFC 7493) at every door that takes JSON: a citizen's
 * application, a consent, an agency's signed status callback and the e-Payment gateway's signed
 * notification each refuse every class of non-I-JSON input with 400 {@code malformed_json}, and
 * nothing is recorded. Spring MVC and Camel read with the same mapper.
 */
class StrictJsonIT extends Model3TestSupport {

  @Autowired ObjectMapper springMapper;

  @Autowired CamelContext camel;

  /** Shared by the callback cases: refused callbacks leave it as it was. */
  private static String deliveredId;

  /**
   * Each class of refused input, as a member {@code x} placed beside a well-formed body: {@code %s}
   * in a template is replaced by the body's own members.
   */
  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("duplicate member", utf8("{%s,\"x\":1,\"x\":2}")),
        Arguments.of("duplicate member deep down", utf8("{%s,\"x\":[{\"y\":{\"z\":1,\"z\":2}}]}")),
        Arguments.of("escaped unpaired surrogate", utf8("{%s,\"x\":\"a\\ud800b\"}")),
        Arguments.of(
            "raw unpaired surrogate",
            concat(
                utf8("{%s,\"x\":\""),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                utf8("\"}"))),
        Arguments.of("U+0000 in a string", utf8("{%s,\"x\":\"a\\u0000b\"}")),
        Arguments.of("U+0000 in a name", utf8("{%s,\"x\\u0000\":1}")),
        Arguments.of("overflowing number", utf8("{%s,\"x\":1e999999999}")),
        Arguments.of("NaN", utf8("{%s,\"x\":NaN}")),
        Arguments.of("Infinity", utf8("{%s,\"x\":-Infinity}")),
        Arguments.of("integer beyond a double", utf8("{%s,\"x\":" + "9".repeat(400) + "}")),
        Arguments.of("nesting of 65", utf8("{%s,\"x\":" + "[".repeat(64) + "]".repeat(64) + "}")),
        Arguments.of("trailing tokens", utf8("{%s} {}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void shouldRefuseApplicationWithMalformedJsonWhenBodyIsNotIJson(String name, byte[] template)
      throws Exception {
    // given
    byte[] body = fill(template, inner(body()));
    // when
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/applications"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
            "citizen-somchai");
    // then
    assertProblem(response, 400, "malformed_json");
  }

  @Test
  void shouldRefuseApplicationWithMalformedJsonWhenBodyIsUtf16() throws Exception {
    // given: a well-formed application, in UTF-16 (Jackson alone would detect and read it)
    byte[] body = body().getBytes(StandardCharsets.UTF_16LE);
    // when
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/applications"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
            "citizen-somchai");
    // then
    assertProblem(response, 400, "malformed_json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void shouldRefuseConsentWithMalformedJsonWhenBodyIsNotIJson(String name, byte[] template)
      throws Exception {
    // given
    byte[] body = fill(template, "\"agreementId\":\"dcy-newborn-grant\"");
    // when
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/consents"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
            "citizen-somchai");
    // then
    assertProblem(response, 400, "malformed_json");
  }

  @Test
  void shouldRefuseSignedCallbackAndRecordNothingWhenStatusCodeIsDuplicated() throws Exception {
    // given: a delivered application, and a callback signed by its agency saying "rejected" (50)
    // and then "approved" (40): the last one used to win
    String id = deliveredOnce();
    int timeline = timeline(id);
    byte[] body =
        utf8(
            "{\"requestRef\":\""
                + id
                + "\",\"statusCode\":\"50\",\"statusCode\":\"40\",\"updateDate\":\"25690101\","
                + "\"updateTime\":\"090000\",\"messageId\":\""
                + UUID.randomUUID()
                + "\"}");
    // when
    HttpResponse<String> response = callback(id, body);
    // then
    assertProblem(response, 400, "malformed_json");
    assertThat(timeline(id)).isEqualTo(timeline);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void shouldRefuseSignedCallbackWithMalformedJsonWhenBodyIsNotIJson(String name, byte[] template)
      throws Exception {
    // given: correctly signed bytes that are not I-JSON
    String id = deliveredOnce();
    int timeline = timeline(id);
    byte[] body =
        fill(
            template,
            "\"requestRef\":\""
                + id
                + "\",\"statusCode\":\"40\",\"updateDate\":\"25690101\",\"updateTime\":\"090000\","
                + "\"messageId\":\""
                + UUID.randomUUID()
                + "\"");
    // when
    HttpResponse<String> response = callback(id, body);
    // then
    assertProblem(response, 400, "malformed_json");
    assertThat(timeline(id)).isEqualTo(timeline);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void shouldRefuseSignedPaymentNotificationWhenBodyIsNotIJson(String name, byte[] template)
      throws Exception {
    // given: a notification signed with the gateway's key
    byte[] body =
        fill(
            template,
            "\"notificationId\":\""
                + UUID.randomUUID()
                + "\",\"status\":\"PENDING\",\"billerId\":\"099400000000001\",\"ref1\":\"R1\","
                + "\"amount\":\"250.00\",\"currency\":\"THB\",\"eventAt\":\"2026-01-01T09:00:00+07:00\"");
    // when
    HttpResponse<String> response = notification(body);
    // then
    assertProblem(response, 400, "malformed_json");
  }

  @Test
  void shouldRefuseSignedPaymentNotificationWhenStatusIsDuplicated() throws Exception {
    // given
    byte[] body =
        utf8(
            "{\"notificationId\":\""
                + UUID.randomUUID()
                + "\",\"status\":\"FAILED\",\"status\":\"PAID\",\"billerId\":\"099400000000001\","
                + "\"ref1\":\"R1\",\"amount\":\"250.00\",\"currency\":\"THB\","
                + "\"eventAt\":\"2026-01-01T09:00:00+07:00\"}");
    // when / then
    assertProblem(notification(body), 400, "malformed_json");
  }

  @Test
  void shouldReadThaiTextEmojiAndBigFiniteNumbersWhenConsentBodyIsIJson() throws Exception {
    // given: I-JSON at its edges, for an agreement that does not exist (nothing is granted)
    byte[] body =
        utf8(
            "{\"agreementId\":\"no-such-agreement\",\"note\":\"ยินยอม 😀 \\ud83d\\ude00\","
                + "\"n\":1.7976931348623157e308,\"m\":123456789012345678901234567890,"
                + "\"deep\":"
                + "[".repeat(63)
                + "]".repeat(63)
                + "}");
    // when
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/consents"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
            "citizen-somchai");
    // then: read, and refused for what it says, not for how it is written
    assertProblem(response, 404, "agreement_not_found");
  }

  @Test
  void shouldReadWithTheSpringMapperWhenCamelUsesJackson() throws Exception {
    // given
    JacksonDataFormat jackson = (JacksonDataFormat) camel.resolveDataFormat("jackson");
    // when
    ServiceHelper.startService(jackson);
    // then: Camel's Jackson data format is Spring's strict mapper
    assertThat(jackson.getObjectMapper()).isSameAs(springMapper);
    assertThat(springMapper.getFactory().getClass().getName())
        .isEqualTo("org.saphan.catalog.json.StrictJsonFactory");
  }

  // --- helpers ---

  private String deliveredOnce() throws Exception {
    synchronized (StrictJsonIT.class) {
      if (deliveredId == null) {
        HttpResponse<String> accepted =
            apply("citizen-somchai", UUID.randomUUID().toString(), body());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).path("applicationId").asText();
        awaitStatus(id, "received");
        deliveredId = id;
      }
      return deliveredId;
    }
  }

  private int timeline(String id) throws Exception {
    return JSON.readTree(get("/api/v1/applications/" + id, "citizen-somchai").body())
        .path("timeline")
        .size();
  }

  private HttpResponse<String> callback(String id, byte[] body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/agency/v1/applications/" + id + "/status"))
            .header("Content-Type", "application/json")
            .header("X-JWS-Signature", AgencySigner.party("agency-rest").sign(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpResponse<String> notification(byte[] body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/payment/v1/notifications"))
            .header("Content-Type", "application/json")
            .header("X-JWS-Signature", AgencySigner.party("epayment").sign(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** The members of a JSON object, without its braces. */
  private static String inner(String object) {
    return object.substring(1, object.length() - 1);
  }

  /** The template with {@code %s} replaced by the members, byte for byte elsewhere. */
  private static byte[] fill(byte[] template, String members) {
    byte[] marker = utf8("%s");
    for (int i = 0; i + 1 < template.length; i++) {
      if (template[i] == marker[0] && template[i + 1] == marker[1]) {
        byte[] head = java.util.Arrays.copyOfRange(template, 0, i);
        byte[] tail = java.util.Arrays.copyOfRange(template, i + 2, template.length);
        return concat(head, utf8(members), tail);
      }
    }
    throw new IllegalArgumentException("no %s in the template");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
