package org.saphan.hub.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.MediaType;

/**
 * The request and answer examples of the API description, one JSON file each under {@value
 * #LOCATION}: {@code {operationId}.request.json} (the request body) and {@code
 * {operationId}.{status}.json} (the body of that answer), with values from the sandbox personas. A
 * file that does not parse or is misnamed stops the hub at start-up, as a bad card does.
 */
public final class ApiExamples {

  /** Where the example files are, on the classpath. */
  public static final String LOCATION = "openapi/examples/";

  /** The name of every example attached: the sandbox is where its values come from. */
  public static final String NAME = "sandbox";

  /** {@code operationId}, then {@code request} or an HTTP status. */
  public static final Pattern FILE =
      Pattern.compile("([a-z][A-Za-z0-9]*)\\.(request|[1-5]\\d\\d)\\.json");

  /**
   * One example.
   *
   * @param operationId the operation it belongs to
   * @param slot {@code request}, or the HTTP status of the answer
   * @param value the parsed JSON
   */
  public record Entry(String operationId, String slot, Object value) {}

  private final Map<String, Entry> entries;

  private ApiExamples(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /**
   * Reads every example file under {@code location} (a classpath folder, {@value #LOCATION} for the
   * hub's); refuses the lot, naming each bad file, if any is bad.
   */
  public static ApiExamples load(
      ResourcePatternResolver resolver, String location, ObjectMapper json) throws IOException {
    Map<String, Entry> entries = new TreeMap<>();
    List<String> bad = new ArrayList<>();
    for (Resource resource : resolver.getResources("classpath*:" + location + "*.json")) {
      String file = resource.getFilename();
      Matcher name = FILE.matcher(file == null ? "" : file);
      if (!name.matches()) {
        bad.add(file + ": not named {operationId}.request.json or {operationId}.{status}.json");
        continue;
      }
      try (InputStream in = resource.getInputStream()) {
        entries.put(
            file, new Entry(name.group(1), name.group(2), json.readValue(in, Object.class)));
      } catch (IOException e) {
        bad.add(file + ": not JSON (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (!bad.isEmpty()) {
      throw new IllegalStateException(
          "API examples under " + location + " refused: " + String.join("; ", bad));
    }
    return new ApiExamples(entries);
  }

  /** Every example, by file name. */
  public Map<String, Entry> entries() {
    return entries;
  }

  /**
   * Attaches the operation's examples: the request's to each JSON type of its request body, an
   * answer's to each type of that status's content except problems (refusals have their own).
   */
  void attach(Operation operation) {
    for (Entry entry : entries.values()) {
      if (!entry.operationId().equals(operation.getOperationId())) {
        continue;
      }
      if (entry.slot().equals("request")) {
        if (operation.getRequestBody() != null) {
          attach(operation.getRequestBody().getContent(), entry.value());
        }
      } else if (operation.getResponses() != null) {
        ApiResponse response = operation.getResponses().get(entry.slot());
        if (response != null) {
          attach(response.getContent(), entry.value());
        }
      }
    }
  }

  private static void attach(Content content, Object value) {
    if (content == null) {
      return;
    }
    content.forEach(
        (type, media) -> {
          if (!type.equals(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
            // One example per media type: a single `example` (from @Schema) gives way to the file,
            // and the flag is cleared too, else OAS 3.1 output writes `"example": null` beside
            // `examples`, which the two are not allowed to be.
            media.setExample(null);
            media.setExampleSetFlag(false);
            media.addExamples(
                NAME,
                new Example()
                    .summary("From the sandbox (personas, sample connectors)")
                    .value(value));
          }
        });
  }
}
