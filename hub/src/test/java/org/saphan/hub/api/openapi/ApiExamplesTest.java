package org.saphan.hub.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class ApiExamplesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path DOCS =
      Path.of(System.getProperty("saphan.home", ".."), "docs", "openapi.json");

  @Test
  void shouldNameAnOperationOfTheDescriptionWhenAnExampleFileIsCommitted() throws Exception {
    // given: the hub's example files and the committed description
    ApiExamples examples =
        ApiExamples.load(new PathMatchingResourcePatternResolver(), ApiExamples.LOCATION, JSON);
    JsonNode paths = JSON.readTree(DOCS.toFile()).path("paths");
    List<String> orphans = new ArrayList<>();
    // when
    examples
        .entries()
        .forEach(
            (file, entry) -> {
              boolean found = false;
              for (JsonNode item : paths) {
                for (JsonNode operation : item) {
                  if (entry.operationId().equals(operation.path("operationId").asText())) {
                    found =
                        entry.slot().equals("request")
                            ? operation.has("requestBody")
                            : operation.path("responses").has(entry.slot());
                  }
                }
              }
              if (!found) {
                orphans.add(
                    file
                        + ": no operation "
                        + entry.operationId()
                        + (entry.slot().equals("request")
                            ? " with a request body"
                            : " with a " + entry.slot() + " response"));
              }
            });
    // then
    assertThat(orphans).as(String.join("\n", orphans)).isEmpty();
  }

  @Test
  void shouldRefuseTheExamplesWhenAFileDoesNotParse() {
    // when / then: openapi-fixtures/broken/readThing.200.json is cut short
    assertThatThrownBy(
            () ->
                ApiExamples.load(
                    new PathMatchingResourcePatternResolver(), "openapi-fixtures/broken/", JSON))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("readThing.200.json: not JSON");
  }

  @Test
  void shouldRefuseTheExamplesWhenAFileNamesNoOperationAndSlot() {
    // when / then: openapi-fixtures/misnamed/readThing.json names no request nor status
    assertThatThrownBy(
            () ->
                ApiExamples.load(
                    new PathMatchingResourcePatternResolver(), "openapi-fixtures/misnamed/", JSON))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("readThing.json: not named");
  }
}
