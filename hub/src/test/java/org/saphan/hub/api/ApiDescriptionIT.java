package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.saphan.hub.api.openapi.ErrorResponses;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.support.ApiObservations;
import org.saphan.hub.support.ApiObservations.Observation;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API description cannot drift from the hub (issue 15): every answer the integration suite got
 * (method, path template, status, error code; recorded by {@link ApiObservations}) is declared in
 * the served {@code /openapi.json}, every controller mapping is in it with an explicit operationId,
 * a tag and a summary, and {@code docs/openapi.json} is the served document. Runs after every other
 * integration test class of the JVM ({@code junit-platform.properties} orders classes), so it sees
 * what they all produced; run alone, it checks what it produces itself.
 */
@Order(Integer.MAX_VALUE)
class ApiDescriptionIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path HOME =
      Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();

  /** The committed copy of the description. */
  static final Path DOCS = HOME.resolve("docs/openapi.json");

  /** Where the served description and the observations are written (the module's target). */
  static final Path TARGET = Path.of("target");

  @Autowired private ApiObservations observations;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping mappings;

  @Test
  void shouldServeTheDescriptionWithoutATokenWhenAskedAtOpenapiJson() throws Exception {
    // when
    HttpResponse<String> served = get("/openapi.json");
    HttpResponse<String> springDefault = get("/v3/api-docs");
    // then: open, JSON, OpenAPI 3.1; springdoc's default address serves nothing
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(JSON.readTree(served.body()).path("openapi").asText()).startsWith("3.1.");
    assertProblem(springDefault, 404, "not_found");
  }

  @Test
  void shouldMatchTheCommittedCopyWhenTheDescriptionIsServed() throws Exception {
    // given
    String served = document();
    Files.createDirectories(TARGET);
    Files.writeString(TARGET.resolve("openapi.json"), served, StandardCharsets.UTF_8);
    String committed = Files.exists(DOCS) ? Files.readString(DOCS, StandardCharsets.UTF_8) : "";
    // then
    assertThat(committed.strip())
        .as(
            "docs/openapi.json differs from the served description: review the change, then run"
                + " `cp hub/target/openapi.json docs/openapi.json`")
        .isEqualTo(served.strip());
  }

  @Test
  void shouldDescribeEveryControllerMappingWhenTheDescriptionIsServed() throws Exception {
    // given
    JsonNode paths = JSON.readTree(document()).path("paths");
    List<String> gaps = new ArrayList<>();
    // when
    handlers()
        .forEach(
            (operation, handlers) -> {
              String[] methodAndPath = operation.split(" ", 2);
              JsonNode described =
                  paths.path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT));
              String where = names(handlers);
              if (described.isMissingNode()) {
                gaps.add(
                    operation + " -> not in /openapi.json: " + where + " is hidden or ignored");
                return;
              }
              for (HandlerMethod handler : handlers) {
                io.swagger.v3.oas.annotations.Operation annotation =
                    AnnotatedElementUtils.findMergedAnnotation(
                        handler.getMethod(), io.swagger.v3.oas.annotations.Operation.class);
                if (annotation == null || annotation.operationId().isBlank()) {
                  gaps.add(
                      operation
                          + " -> add @Operation(operationId = ...) to "
                          + names(List.of(handler)));
                }
              }
              // springdoc names a tag after the controller when none is given: ask for one.
              boolean tagged =
                  handlers.stream()
                      .allMatch(
                          h ->
                              AnnotatedElementUtils.hasAnnotation(h.getBeanType(), Tag.class)
                                  || AnnotatedElementUtils.hasAnnotation(h.getMethod(), Tag.class));
              if (!tagged) {
                gaps.add(operation + " -> add a @Tag to the controller of " + where);
              }
              if (described.path("summary").asText("").isBlank()) {
                gaps.add(operation + " -> add a summary to the @Operation of " + where);
              }
            });
    // then
    assertThat(gaps).as(String.join("\n", gaps)).isEmpty();
  }

  @Test
  void shouldDeclareEveryAnswerWhenTheSuiteHasObservedIt() throws Exception {
    // given: what every integration test class of this JVM got from the hub
    JsonNode paths = JSON.readTree(document()).path("paths");
    Map<String, List<HandlerMethod>> handlers = handlers();
    Map<Observation, Long> seen = new TreeMap<>(Observation.ORDER);
    seen.putAll(observations.seen());
    List<String> gaps = new ArrayList<>();
    StringBuilder tsv = new StringBuilder("method\ttemplate\tstatus\tcode\tcount\tdeclared\n");
    // when
    seen.forEach(
        (o, count) -> {
          String method = o.method().equals("HEAD") ? "GET" : o.method();
          List<HandlerMethod> served =
              o.template() == null
                  ? null
                  : handlers.get(method + " " + ErrorResponses.template(o.template()));
          String declared;
          if (served == null) {
            declared = "not an API operation";
          } else {
            String gap = gap(paths, method, o, served);
            declared = gap == null ? "yes" : "NO";
            if (gap != null) {
              gaps.add(gap);
            }
          }
          tsv.append(
              String.join(
                  "\t",
                  o.method(),
                  String.valueOf(o.template()),
                  Integer.toString(o.status()),
                  o.code() == null ? "-" : o.code(),
                  Long.toString(count),
                  declared + "\n"));
        });
    Files.createDirectories(TARGET);
    Files.writeString(TARGET.resolve("api-observed.tsv"), tsv, StandardCharsets.UTF_8);
    // then
    assertThat(gaps)
        .as(gaps.size() + " answers the description does not declare:\n" + String.join("\n", gaps))
        .isEmpty();
  }

  /** Why {@code o} is not declared, as the fix to make; {@code null} when it is. */
  private static String gap(
      JsonNode paths, String method, Observation o, List<HandlerMethod> served) {
    String seen =
        method + " " + o.template() + " " + o.status() + " " + (o.code() == null ? "-" : o.code());
    JsonNode operation =
        paths.path(ErrorResponses.template(o.template())).path(method.toLowerCase(Locale.ROOT));
    if (operation.isMissingNode()) {
      return seen + " -> describe the operation: " + names(served) + " is not in the document";
    }
    JsonNode response = operation.path("responses").path(Integer.toString(o.status()));
    if (o.code() == null) {
      return response.isMissingNode()
          ? seen
              + " -> declare @ApiResponse(responseCode = \""
              + o.status()
              + "\") on "
              + names(served)
          : null;
    }
    Set<String> codes = new TreeSet<>();
    response.path(ErrorResponses.CODES).forEach(c -> codes.add(c.asText()));
    if (codes.contains(o.code())) {
      return null;
    }
    String constant =
        java.util.Arrays.stream(ErrorCode.values())
            .filter(c -> c.code().equals(o.code()))
            .map(c -> "ErrorCode." + c.name())
            .findFirst()
            .orElse("'" + o.code() + "' (not an ErrorCode)");
    return seen + " -> add " + constant + " to @ApiErrors of " + names(served);
  }

  /** The hub's own handlers (not springdoc's, not the error page) by {@code METHOD template}. */
  private Map<String, List<HandlerMethod>> handlers() {
    Map<String, List<HandlerMethod>> index = new TreeMap<>();
    ErrorResponses.handlersByOperation(mappings)
        .forEach(
            (operation, handlers) -> {
              boolean own =
                  handlers.stream()
                      .allMatch(h -> h.getBeanType().getName().startsWith("org.saphan.hub."));
              if (own && !operation.endsWith(" " + RateLimitInterceptor.EXCLUDED)) {
                index.put(operation, handlers);
              }
            });
    return index;
  }

  private static String names(List<HandlerMethod> handlers) {
    return handlers.stream()
        .map(h -> h.getBeanType().getSimpleName() + "#" + h.getMethod().getName())
        .distinct()
        .collect(Collectors.joining(" / "));
  }

  private String document() throws Exception {
    HttpResponse<String> served = get("/openapi.json");
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    return served.body();
  }
}
