package org.saphan.catalog.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrictJsonTest {

  private static final ObjectMapper JSON = StrictJson.mapper();

  /** A record that reads only {@code n}: everything else is an unknown (skipped) property. */
  record Small(int n) {}

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("duplicate name at the root", "{\"a\":1,\"a\":2}"),
        Arguments.of(
            "duplicate statusCode in a callback",
            "{\"messageId\":\"m\",\"statusCode\":\"50\",\"statusCode\":\"40\"}"),
        Arguments.of("duplicate name deep down", "{\"a\":[{\"b\":{\"c\":1,\"c\":1}}]}"),
        Arguments.of("escaped unpaired high surrogate", "{\"a\":\"x\\ud800\"}"),
        Arguments.of("escaped unpaired low surrogate", "{\"a\":\"\\udc00x\"}"),
        Arguments.of("high surrogate before a letter", "{\"a\":\"\\ud800a\"}"),
        Arguments.of("reversed surrogate pair", "{\"a\":\"\\ude00\\ud83d\"}"),
        Arguments.of("unpaired surrogate in a name", "{\"\\ud800\":1}"),
        Arguments.of("escaped U+0000 in a string", "{\"a\":\"x\\u0000y\"}"),
        Arguments.of("escaped U+0000 in a name", "{\"a\\u0000\":1}"),
        Arguments.of("raw U+0000 in a string", "{\"a\":\"x\u0000y\"}"),
        Arguments.of("noncharacter U+FFFF", "{\"a\":\"\\uffff\"}"),
        Arguments.of("noncharacter U+FDD0", "{\"a\":\"\\ufdd0\"}"),
        Arguments.of("noncharacter U+1FFFE", "{\"a\":\"\\ud83f\\udffe\"}"),
        Arguments.of("overflowing exponent", "{\"a\":1e999999999}"),
        Arguments.of("negative overflowing exponent", "{\"a\":-1e999999999}"),
        Arguments.of("overflowing double", "{\"a\":1.8e308}"),
        Arguments.of("NaN token", "{\"a\":NaN}"),
        Arguments.of("Infinity token", "{\"a\":Infinity}"),
        Arguments.of("-Infinity token", "{\"a\":-Infinity}"),
        Arguments.of("integer longer than the number limit", "{\"a\":" + "9".repeat(400) + "}"),
        Arguments.of("leading zero", "{\"a\":01}"),
        Arguments.of("nesting of 65", nested(65)),
        Arguments.of("second root value", "{\"a\":1} {\"a\":2}"),
        Arguments.of("trailing garbage", "{\"a\":1}x"),
        Arguments.of("trailing scalar", "1 2"),
        Arguments.of("U+0000 inside a skipped property", "{\"n\":1,\"x\":{\"y\":\"\\u0000\"}}"),
        Arguments.of("overflow inside a skipped property", "{\"n\":1,\"x\":[1e999]}"));
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("plain object", "{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{\"d\":-2.5}}"),
        Arguments.of("Thai text", "{\"ชื่อ\":\"สมชาย ใจดี\",\"จังหวัด\":\"เชียงใหม่\"}"),
        Arguments.of("raw emoji", "{\"a\":\"สวัสดี 😀 👨‍👩‍👧\"}"),
        Arguments.of("escaped surrogate pair", "{\"a\":\"\\ud83d\\ude00\"}"),
        Arguments.of("the largest double", "{\"a\":1.7976931348623157e308}"),
        Arguments.of("the smallest double", "{\"a\":-1.7976931348623157e308}"),
        Arguments.of("a tiny double", "{\"a\":4.9e-324}"),
        Arguments.of("a big exact integer", "{\"a\":123456789012345678901234567890}"),
        Arguments.of("nesting of 64", nested(64)),
        Arguments.of("escaped controls other than U+0000", "{\"a\":\"\\u0001\\t\\n\"}"),
        Arguments.of("white space after the root", "{\"a\":1}\n\t "));
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void shouldRefuseTreeWhenJsonIsNotIJson(String name, String json) {
    // when / then
    assertThatThrownBy(() -> JSON.readTree(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void shouldRefuseEveryInputKindWhenJsonIsNotIJson(String name, String json) {
    // given
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    // when / then
    assertThatThrownBy(() -> JSON.readTree(json)).isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> JSON.readTree(new ByteArrayInputStream(bytes)))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> JSON.readTree(new StringReader(json)))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> JSON.readValue(bytes, Map.class))
        .isInstanceOf(JsonProcessingException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void shouldRefuseBindingWhenUnknownPropertiesAreSkipped(String name, String json) {
    // given: the lenient binding Spring MVC uses
    ObjectMapper lenient =
        StrictJson.mapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    // when / then
    assertThatThrownBy(() -> lenient.readValue(json, Small.class))
        .isInstanceOf(JsonProcessingException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void shouldReadJsonWhenItIsIJson(String name, String json) throws Exception {
    // when
    JsonNode tree = JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
    // then: what was read is what was sent
    assertThat(tree).isEqualTo(new ObjectMapper().readTree(json));
  }

  @Test
  void shouldRefuseRawUnpairedSurrogateWhenBytesEncodeOne() {
    // given: U+D800 encoded as UTF-8 bytes (CESU style), which Java strings cannot carry
    byte[] json = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
    // when / then
    assertThatThrownBy(() -> JSON.readTree(json)).isInstanceOf(JsonProcessingException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherEncodings")
  void shouldRefuseBytesWhenTheyAreNotUtf8(String name, byte[] json) {
    // when / then
    assertThatThrownBy(() -> JSON.readTree(json)).isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> JSON.readTree(new ByteArrayInputStream(json)))
        .isInstanceOf(JsonProcessingException.class);
  }

  static Stream<Arguments> otherEncodings() {
    String json = "{\"a\":\"ก\"}";
    return Stream.of(
        Arguments.of("UTF-16BE", json.getBytes(StandardCharsets.UTF_16BE)),
        Arguments.of("UTF-16LE", json.getBytes(StandardCharsets.UTF_16LE)),
        Arguments.of("UTF-16 with a byte order mark", json.getBytes(StandardCharsets.UTF_16)),
        Arguments.of("UTF-32", json.getBytes(java.nio.charset.Charset.forName("UTF-32BE"))));
  }

  @Test
  void shouldKeepDecimalsExactWhenBoundToBigDecimal() throws Exception {
    // when
    Map<?, ?> amounts =
        StrictJson.mapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readValue("{\"amount\":0.1,\"big\":123456789012345678901234567890}", Map.class);
    // then
    assertThat(amounts.get("amount")).isEqualTo(new BigDecimal("0.1"));
    assertThat(amounts.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  void shouldRefuseIntegerWhenFieldCannotHoldIt() {
    // when / then: 3e9 is a finite double but not an int
    assertThatThrownBy(() -> JSON.readValue("{\"n\":3000000000}", Small.class))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void shouldStayStrictWhenMapperIsCopied() {
    // given
    ObjectMapper copy = JSON.copy();
    // when / then
    assertThatThrownBy(() -> copy.readTree("{\"a\":1,\"a\":2}"))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> copy.readTree("{\"a\":\"\\u0000\"}"))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void shouldRefuseRebuildWhenItWouldLoseTheChecks() {
    // when / then
    assertThatThrownBy(() -> StrictJson.factory().rebuild())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldWriteKeysInOrderWhenMapperIsCanonical() throws Exception {
    // given
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", Map.of("d", 1, "c", 2));
    // when
    String json = StrictJson.canonical().writeValueAsString(map);
    // then
    assertThat(json).isEqualTo("{\"a\":{\"c\":2,\"d\":1},\"b\":1}");
  }

  @Test
  void shouldWriteLikeJacksonWhenMapperIsStrict() throws Exception {
    // given: stored JSON and digests over it must not change
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", "สวัสดี 😀");
    map.put("a", 0.1);
    // when / then
    assertThat(JSON.writeValueAsString(map)).isEqualTo(new ObjectMapper().writeValueAsString(map));
  }

  @Test
  void shouldRefuseDuplicateKeyWhenYamlRepeatsOne() {
    // when / then
    assertThatThrownBy(() -> StrictJson.yaml().readTree("jobs:\n  a: 1\n  a: 2\n"))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void shouldReadYamlWhenKeysAreUnique() throws Exception {
    // when
    JsonNode yaml =
        StrictJson.yaml().readTree("jobs:\n  reconciliation:\n    cron: \"0 30 2 * * *\"\n");
    // then
    assertThat(yaml.at("/jobs/reconciliation/cron").asText()).isEqualTo("0 30 2 * * *");
  }
}
