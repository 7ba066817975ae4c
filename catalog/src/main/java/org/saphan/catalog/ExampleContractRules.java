package org.saphan.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saphan.catalog.json.StrictJson;
import org.saphan.catalog.mapping.GoldenExamples;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.catalog.mapping.WsdlSchema;

/**
 * Holds a card's golden examples to the agency's contract, beyond their mappings: the WSDL is
 * well-formed and its schema compiles; every message the hub sends the agency ({@code request},
 * {@code poll}, {@code payment} outputs in XML) fits that schema, elements and their order; and
 * every agency status code an acknowledgement or status example yields is in {@code
 * api.statusCodes}.
 */
final class ExampleContractRules {

  /** The mappings whose output the hub sends to the agency. */
  private static final Set<String> OUTBOUND = Set.of("request", "poll", "payment");

  private static final Pattern EXAMPLE =
      Pattern.compile("[A-Za-z0-9_-]+\\.(?<mapping>[a-z]+)\\.expected\\.(?<format>json|xml)");

  private final Path home;

  ExampleContractRules(Path home) {
    this.home = home;
  }

  /** Every finding of the card {@code cardName}; files relative to the home. */
  List<Finding> check(JsonNode card, String cardName) {
    List<Finding> findings = new ArrayList<>();
    List<Path> examples = GoldenExamples.files(home, cardName);
    WsdlSchema schema = wsdl(card, cardName, findings);
    JsonNode statusCodes = card.path("api").path("statusCodes");
    for (Path example : examples) {
      Matcher name = EXAMPLE.matcher(example.getFileName().toString());
      if (!name.matches()) {
        continue;
      }
      String mapping = name.group("mapping");
      boolean xml = name.group("format").equals("xml");
      if (schema != null && xml && OUTBOUND.contains(mapping)) {
        read(example)
            .flatMap(schema::check)
            .ifPresent(
                problem ->
                    findings.add(
                        Finding.error(
                            cardName,
                            "api.mappings." + mapping,
                            "golden example output does not fit the schema of "
                                + card.path("api").path("wsdl").asText()
                                + ": "
                                + problem.reason(),
                            home.relativize(example),
                            problem.line())));
      }
      if (!xml
          && statusCodes.isObject()
          && (mapping.equals("status") || mapping.equals("response"))) {
        checkStatusCode(example, statusCodes, cardName, findings);
      }
    }
    return findings;
  }

  private WsdlSchema wsdl(JsonNode card, String cardName, List<Finding> findings) {
    JsonNode reference = card.path("api").path("wsdl");
    if (!reference.isTextual() || reference.asText().contains("://")) {
      return null;
    }
    Path file = home.resolve(reference.asText()).normalize();
    if (!file.startsWith(home) || !Files.isRegularFile(file)) {
      return null; // the card rules report a missing file
    }
    try {
      return WsdlSchema.compile(file);
    } catch (WsdlSchema.WsdlException e) {
      findings.add(
          Finding.error(
              cardName,
              "api.wsdl",
              "WSDL " + reference.asText() + ": " + e.problem().reason(),
              home.relativize(file),
              e.problem().line()));
      return null;
    }
  }

  private void checkStatusCode(
      Path example, JsonNode statusCodes, String cardName, List<Finding> findings) {
    String text = read(example).orElse(null);
    if (text == null) {
      return;
    }
    try (JsonParser parser = StrictJson.mapper().getFactory().createParser(text)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        } else if (depth == 1
            && token == JsonToken.FIELD_NAME
            && parser.currentName().equals("agencyStatusCode")
            && parser.nextToken() == JsonToken.VALUE_STRING
            && !statusCodes.has(parser.getText())) {
          findings.add(
              Finding.error(
                  cardName,
                  "api.statusCodes",
                  "golden example's agencyStatusCode '"
                      + parser.getText()
                      + "' is not in api.statusCodes, so the hub could not record it; add it"
                      + " with its canonical status",
                  home.relativize(example),
                  parser.currentLocation().getLineNr()));
        }
      }
    } catch (IOException e) {
      // the golden examples report unreadable or invalid JSON
    }
  }

  private static Optional<String> read(Path file) {
    try {
      if (Files.size(file) > MappingRunner.MAX_MAPPING_BYTES) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
