package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.LoadOptions;
import org.saphan.catalog.SecretResolver;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;

/**
 * Fuzz target for JSON request bodies as Spring MVC reads them ({@code @RequestBody JsonNode}) and
 * as an application's form is then checked ({@link FormValidator}, the DCY newborn-grant schema): a
 * body is either refused as unreadable ({@link HttpMessageNotReadableException}, or an {@link
 * IOException} Spring MVC wraps in one: answered 400 {@code malformed_json}) or yields a tree that
 * can be stored again as JSON; a form is either accepted or refused with {@code form_invalid}.
 *
 * <p>When {@link #MAPPER} refuses duplicate names (the strict I-JSON mapper of issue 12 item 3), an
 * accepted tree must also be I-JSON (RFC 7493): finite numbers, no U+0000, no unpaired surrogate,
 * at most 64 levels. Regression inputs: {@code JsonBodyFuzzTestInputs/<method>/} (raw bodies).
 * Fuzzing: {@code ./saphan fuzz json}.
 */
class JsonBodyFuzzTest {

  /** The mapper under test: the hub's one strict JSON configuration (Spring MVC's too). */
  private static final ObjectMapper MAPPER = Json.strict();

  private static final boolean STRICT = true;
  private static final int MAX_DEPTH = 64;

  private static final Path HOME =
      Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
  private static final ConnectorCard CARD =
      new CatalogLoader(HOME, SecretResolver.of(Map.of()), LoadOptions.validate())
          .validatePaths(List.of(HOME.resolve("connectors/dcy-newborn-grant.connector.yaml")))
          .cards()
          .get(0);

  private final MappingJackson2HttpMessageConverter converter =
      new MappingJackson2HttpMessageConverter(MAPPER);
  private final FormValidator forms = new FormValidator(HOME, new MappingRunner(HOME));

  @FuzzTest(maxDuration = "5m")
  void shouldReadOrRefuseAsMalformedJsonWhenGivenAnyBody(byte[] body) throws Exception {
    // given
    MockHttpInputMessage message = new MockHttpInputMessage(body);
    message.getHeaders().setContentType(MediaType.APPLICATION_JSON);

    // when
    JsonNode request;
    try {
      request = (JsonNode) converter.read(JsonNode.class, message);
    } catch (HttpMessageNotReadableException | IOException e) {
      // then: Spring MVC's argument resolver turns a converter's IOException (a UTF-32 body with
      // a character above U+10FFFF, found by this target) into HttpMessageNotReadableException.
      return;
    }

    // then
    if (request == null) {
      return; // an empty body: the controller refuses it itself
    }
    assertThat(MAPPER.readTree(MAPPER.writeValueAsBytes(request))).isNotNull();
    if (STRICT) {
      assertIJson(request, 1);
    }
    if (request.isObject()) {
      JsonNode form = request.path("form");
      try {
        forms.validate(CARD, form.isMissingNode() ? null : form);
      } catch (SaphanException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.FORM_INVALID);
      }
    }
  }

  private static void assertIJson(JsonNode node, int depth) {
    assertThat(depth).isLessThanOrEqualTo(MAX_DEPTH);
    if (node.isNumber() && node.isFloatingPointNumber()) {
      assertThat(Double.isFinite(node.doubleValue())).as("finite number").isTrue();
    }
    if (node.isTextual()) {
      assertIJson(node.textValue());
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      assertIJson(field.getKey());
      assertIJson(field.getValue(), depth + 1);
    }
    if (node.isArray()) {
      node.forEach(element -> assertIJson(element, depth + 1));
    }
  }

  private static void assertIJson(String text) {
    assertThat(text.indexOf('\u0000')).as("U+0000").isNegative();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
            .as("paired surrogate")
            .isTrue();
        i++;
      } else {
        assertThat(Character.isLowSurrogate(c)).as("unpaired low surrogate").isFalse();
      }
    }
  }
}
