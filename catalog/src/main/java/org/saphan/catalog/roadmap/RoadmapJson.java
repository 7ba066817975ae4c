package org.saphan.catalog.roadmap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.saphan.catalog.Finding;
import org.saphan.catalog.YamlCardReader;
import org.saphan.catalog.json.StrictJson;

/**
 * The format of {@code connectors/roadmap/services.json}: written by {@link RoadmapGenerator}, read
 * back (and checked, with line numbers) by {@link RoadmapCatalog}. Field names live here only.
 */
final class RoadmapJson {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private static final ObjectMapper MAPPER = StrictJson.mapper();

  /** What a valid file holds besides the services. */
  record Provenance(String csvName, String csvSha256) {}

  /** A file that parsed: its services (each checked alone) and provenance. */
  record Parsed(List<RoadmapService> services, Provenance provenance) {}

  private RoadmapJson() {}

  /** The file's bytes: UTF-8, two-space indentation, {@code "key": value}, a final new line. */
  static byte[] write(List<RoadmapService> services, String csvName, String csvSha256) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    ObjectNode from = root.putObject("generatedFrom");
    from.put(
        "note",
        "Generated from "
            + csvName
            + " and the hand-written tables in connectors/roadmap/ by the command below."
            + " Do not edit: change a table (or the CSV) and run the command again.");
    from.put("csv", csvName);
    from.put("csvSha256", csvSha256);
    from.put("command", RoadmapGenerator.COMMAND + " [csv]");
    root.put("serviceCount", services.size());
    long given = services.stream().filter(RoadmapService::hasEnglishName).count();
    ObjectNode english = root.putObject("englishNames");
    english.put("given", given);
    english.put("missing", services.size() - given);
    ArrayNode list = root.putArray("services");
    for (RoadmapService service : services) {
      ObjectNode node = list.addObject();
      node.put("id", service.id());
      node.set("phase", service.phase().json());
      node.put("order", service.order());
      text(node.putObject("targetGroup"), service.targetGroup());
      ObjectNode name = text(node.putObject("name"), service.name());
      name.put("enMissing", !service.hasEnglishName());
      ObjectNode agency = node.putObject("agency");
      agency.put("code", service.agency().code());
      agency.put("th", service.agency().th());
      agency.put("en", service.agency().en());
      text(node.putObject("ministry"), service.ministry());
    }
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      String json = MAPPER.writer(printer).writeValueAsString(root);
      return (json + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the roadmap catalog", e);
    }
  }

  private static ObjectNode text(ObjectNode node, RoadmapService.Text text) {
    node.put("th", text.th());
    if (text.en() == null) {
      node.putNull("en");
    } else {
      node.put("en", text.en());
    }
    return node;
  }

  /**
   * Parses the file's text; returns {@code null} when it is not JSON of the expected shape, having
   * added every problem found to {@code findings} (a service with a problem is left out).
   */
  static Parsed read(String text, Path shown, List<Finding> findings) {
    JsonNode root;
    Map<String, Integer> lines;
    try {
      root = MAPPER.readTree(text);
      lines = lines(text);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      findings.add(
          Finding.error(
              "",
              "",
              "is not valid JSON: "
                  + e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*;\\s*", "["),
              shown,
              location == null ? 0 : Math.max(0, location.getLineNr())));
      return null;
    } catch (IOException e) {
      findings.add(Finding.error("", "", "cannot be read: " + e.getMessage(), shown, 0));
      return null;
    }
    Reader reader = new Reader(shown, lines, findings);
    if (root == null || !root.isObject()) {
      reader.error("", "must be a JSON object");
      return null;
    }
    String csvName = reader.text(root, "generatedFrom.csv", false);
    String sha = reader.text(root, "generatedFrom.csvSha256", false);
    if (sha != null && !SHA256.matcher(sha).matches()) {
      reader.error("generatedFrom.csvSha256", "must be 64 lower-case hexadecimal digits");
    }
    JsonNode services = root.path("services");
    if (!services.isArray()) {
      reader.error("services", "must be a list of services");
      return null;
    }
    List<RoadmapService> parsed = new ArrayList<>();
    Map<String, String> pathOfId = new HashMap<>();
    Map<String, RoadmapService.Agency> agencyOfCode = new HashMap<>();
    Map<String, String> codeOfAgency = new HashMap<>();
    for (int i = 0; i < services.size(); i++) {
      String path = "services[" + i + "]";
      RoadmapService service = reader.service(services.get(i), path);
      if (service == null) {
        continue;
      }
      parsed.add(service);
      String first = pathOfId.putIfAbsent(service.id(), path);
      if (first != null) {
        reader.error(
            path + ".id",
            "'"
                + service.id()
                + "' is listed twice (first as "
                + first
                + ", line "
                + reader.lineOf(first + ".id")
                + ")");
      }
      RoadmapService.Agency agency = service.agency();
      RoadmapService.Agency sameCode = agencyOfCode.putIfAbsent(agency.code(), agency);
      String sameName = codeOfAgency.putIfAbsent(agency.th(), agency.code());
      if ((sameCode != null && !sameCode.equals(agency))
          || (sameName != null && !sameName.equals(agency.code()))) {
        reader.error(
            path + ".agency",
            "agency "
                + agency.code()
                + " ("
                + agency.th()
                + ") differs from an earlier service's"
                + " agency with the same code or Thai name");
      }
    }
    JsonNode count = root.path("serviceCount");
    if (!count.isMissingNode()
        && (!count.canConvertToInt() || count.intValue() != services.size())) {
      reader.error(
          "serviceCount", "is " + count + " but the file lists " + services.size() + " services");
    }
    if (services.size() != RoadmapCatalog.ROADMAP_SIZE) {
      reader.error(
          "services",
          "lists "
              + services.size()
              + " services; the Citizen Portal roadmap has "
              + RoadmapCatalog.ROADMAP_SIZE
              + ": generate the file again with "
              + RoadmapGenerator.COMMAND);
    }
    return new Parsed(parsed, new Provenance(csvName, sha));
  }

  /** The line of every value, by dotted path ({@code services[3].name.en}); "" is the root. */
  private static Map<String, Integer> lines(String text) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = StrictJson.factory().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          continue;
        }
        JsonStreamContext context = parser.getParsingContext();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          context = context.getParent();
        }
        lines.putIfAbsent(path(context), parser.currentTokenLocation().getLineNr());
      }
    }
    return lines;
  }

  /** The dotted path of the value the context is at. */
  private static String path(JsonStreamContext context) {
    if (context == null || context.inRoot()) {
      return "";
    }
    String parent = path(context.getParent());
    if (context.inArray()) {
      return parent + "[" + Math.max(0, context.getCurrentIndex()) + "]";
    }
    String name = context.getCurrentName();
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** Checks one file's values, adding findings with the line of each. */
  private static final class Reader {
    private final Path shown;
    private final Map<String, Integer> lines;
    private final List<Finding> findings;

    Reader(Path shown, Map<String, Integer> lines, List<Finding> findings) {
      this.shown = shown;
      this.lines = lines;
      this.findings = findings;
    }

    RoadmapService service(JsonNode node, String path) {
      int before = findings.size();
      if (!node.isObject()) {
        error(path, "must be an object");
        return null;
      }
      String id = text(node, path + ".id", false);
      RoadmapPhase phase = RoadmapPhase.fromJson(node.path("phase")).orElse(null);
      if (phase == null) {
        error(path + ".phase", "must be 1, 2, 3 or \"expansion\", found " + node.path("phase"));
      }
      JsonNode orderNode = node.path("order");
      int order =
          orderNode.isIntegralNumber() && orderNode.canConvertToInt() ? orderNode.intValue() : 0;
      if (order < 1 || order > RoadmapService.MAX_ORDER) {
        error(
            path + ".order",
            "must be a whole number from 1 to "
                + RoadmapService.MAX_ORDER
                + ", found "
                + orderNode);
      }
      if (id != null && phase != null && order >= 1 && order <= RoadmapService.MAX_ORDER) {
        String expected = RoadmapService.id(phase, order);
        if (!expected.equals(id)) {
          error(
              path + ".id",
              "'" + id + "' does not match phase and order; the id of this service is " + expected);
        }
      }
      String groupTh = text(node, path + ".targetGroup.th", false);
      String groupEn = text(node, path + ".targetGroup.en", false);
      String nameTh = text(node, path + ".name.th", false);
      String nameEn = text(node, path + ".name.en", true);
      JsonNode enMissing = node.path("name").path("enMissing");
      if (!enMissing.isBoolean()) {
        error(path + ".name.enMissing", "must be true or false");
      } else if (enMissing.booleanValue() != (nameEn == null)) {
        error(
            path + ".name.enMissing",
            "must be "
                + (nameEn == null)
                + " when name.en is "
                + (nameEn == null ? "null" : "given"));
      }
      String code = text(node, path + ".agency.code", false);
      if (code != null && !RoadmapService.AGENCY_CODE.matcher(code).matches()) {
        error(path + ".agency.code", "'" + code + "' is not an agency code");
      }
      String agencyTh = text(node, path + ".agency.th", false);
      String agencyEn = text(node, path + ".agency.en", false);
      String ministryTh = text(node, path + ".ministry.th", false);
      String ministryEn = text(node, path + ".ministry.en", false);
      if (findings.size() > before) {
        return null;
      }
      return new RoadmapService(
          id,
          phase,
          order,
          new RoadmapService.Text(groupTh, groupEn),
          new RoadmapService.Text(nameTh, nameEn),
          new RoadmapService.Agency(code, agencyTh, agencyEn),
          new RoadmapService.Text(ministryTh, ministryEn));
    }

    /**
     * The text at {@code path}; {@code node} is the value at the path's part up to its last list
     * index (the root when it has none). Null, with an error, when absent or not text.
     */
    String text(JsonNode root, String path, boolean nullable) {
      JsonNode value = root;
      String[] parts = path.substring(path.lastIndexOf(']') + 1).split("\\.");
      for (String part : parts) {
        if (!part.isEmpty()) {
          value = value.path(part);
        }
      }
      if (nullable && value.isNull()) {
        return null;
      }
      if (!value.isTextual() || value.textValue().isBlank()) {
        error(
            path,
            value.isMissingNode()
                ? "is required"
                : "must be non-empty text" + (nullable ? " or null" : "") + ", found " + value);
        return null;
      }
      return value.textValue();
    }

    void error(String path, String reason) {
      findings.add(Finding.error("", path, reason, shown, lineOf(path)));
    }

    int lineOf(String path) {
      return new YamlCardReader.Result(null, lines, List.of()).lineOf(path);
    }
  }
}
