package org.saphan.hub.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.json.StrictJson;

/** Every code is explained, and the catalog file names only real codes, each field filled. */
class ErrorCatalogTest {

  private static final ObjectMapper YAML = StrictJson.yaml();

  @Test
  void shouldExplainEveryCodeWhenTheCatalogIsRead() {
    // given
    ErrorCatalog catalog = ErrorCatalog.get();
    // then
    for (ErrorCode code : ErrorCode.values()) {
      ErrorCatalog.Entry entry = catalog.entry(code);
      assertThat(entry).as(code.code()).isNotNull();
      assertThat(List.of(entry.meaning(), entry.action(), entry.group()))
          .as(code.code())
          .allMatch(text -> !text.isBlank());
      assertThat(entry.seenBy()).as(code.code()).isNotEmpty();
    }
  }

  @Test
  void shouldKeepErrorCodesOrderWhenGroupsAreRead() {
    // given
    ErrorCatalog catalog = ErrorCatalog.get();
    // when
    List<ErrorCode> order = new ArrayList<>();
    catalog.groups().forEach(g -> g.entries().forEach(e -> order.add(e.code())));
    // then
    assertThat(order).containsExactly(ErrorCode.values());
    assertThat(catalog.find("consent_required").orElseThrow().group()).isEqualTo("Consent (PDPA)");
    assertThat(catalog.find("no_such_code")).isEmpty();
  }

  @Test
  void shouldRefuseCatalogWhenACodeHasNoExplanation() throws Exception {
    // given: the real catalog without consent_required
    String yaml = edited(codes -> codes.forEach(c -> ((ObjectNode) c).remove("consent_required")));
    // when / then
    assertThatThrownBy(() -> ErrorCatalog.read(yaml))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("consent_required: no explanation");
  }

  @Test
  void shouldRefuseCatalogWhenItNamesACodeThatDoesNotExist() throws Exception {
    // given
    String yaml =
        edited(
            codes ->
                ((ObjectNode) codes.get(codes.size() - 1))
                    .set(
                        "made_up_code",
                        YAML.createObjectNode()
                            .put("meaning", "m")
                            .put("action", "a")
                            .put("retry", "never")
                            .set("seenBy", YAML.createArrayNode().add("operator"))));
    // when / then
    assertThatThrownBy(() -> ErrorCatalog.read(yaml))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'made_up_code' is not a code of ErrorCode");
  }

  @Test
  void shouldRefuseCatalogWhenAFieldIsEmptyOrUnknown() throws Exception {
    // given: an empty action, an empty seenBy, a retry outside the enum, an extra field
    String yaml =
        edited(
            codes -> {
              ObjectNode first = (ObjectNode) codes.get(0).get("malformed_json");
              first.put("action", " ");
              first.set("seenBy", YAML.createArrayNode());
              ObjectNode second = (ObjectNode) codes.get(0).get("validation_failed");
              second.put("retry", "sometimes");
              second.put("note", "free text");
            });
    // when / then: every problem at once
    assertThatThrownBy(() -> ErrorCatalog.read(yaml))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("malformed_json: action is missing or empty")
        .hasMessageContaining("malformed_json: seenBy must list at least one of")
        .hasMessageContaining("validation_failed: retry 'sometimes' is not one of")
        .hasMessageContaining("validation_failed: unknown field 'note'");
  }

  @Test
  void shouldRefuseCatalogWhenCodesLeaveErrorCodesOrder() throws Exception {
    // given: internal_error moved to the first group
    String yaml =
        edited(
            codes -> {
              ObjectNode last = (ObjectNode) codes.get(codes.size() - 1);
              ((ObjectNode) codes.get(0)).set("internal_error", last.remove("internal_error"));
            });
    // when / then
    assertThatThrownBy(() -> ErrorCatalog.read(yaml))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("internal_error: out of ErrorCode's order");
  }

  @Test
  void shouldRefuseCatalogWhenACodeIsNamedTwice() {
    // given: YAML with a duplicate key is refused by the strict reader
    String yaml = "groups:\n  - title: T\n    codes:\n      not_found: {}\n      not_found: {}\n";
    // when / then
    assertThatThrownBy(() -> ErrorCatalog.read(yaml))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void shouldNameRetryAndAudienceValuesWhenWritten() {
    assertThat(Arrays.stream(ErrorCatalog.Retry.values()).map(ErrorCatalog.Retry::wire))
        .containsExactly(
            "never", "after_fixing_request", "after_action", "with_backoff", "after_retry_after");
    assertThat(ErrorCatalog.Audience.BANK_GATEWAY.wire()).isEqualTo("bank_gateway");
  }

  /** The real catalog text after {@code edit} changes the list of its groups' {@code codes}. */
  private static String edited(Consumer<List<com.fasterxml.jackson.databind.JsonNode>> edit)
      throws Exception {
    ObjectNode root;
    try (InputStream in = ErrorCatalog.class.getResourceAsStream(ErrorCatalog.RESOURCE)) {
      root = (ObjectNode) YAML.readTree(in);
    }
    List<com.fasterxml.jackson.databind.JsonNode> codes = new ArrayList<>();
    ((ArrayNode) root.get("groups")).forEach(g -> codes.add(g.get("codes")));
    edit.accept(codes);
    return YAML.writeValueAsString(root);
  }
}
