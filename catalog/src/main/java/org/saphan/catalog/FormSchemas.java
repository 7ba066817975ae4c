package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Format;
import com.networknt.schema.Formats;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.saphan.catalog.json.StrictJson;

/**
 * The one JSON Schema configuration for data schemas a card names (form schemas, agency request
 * schemas): draft 2020-12 with {@code format} <em>asserted</em> (it is annotation-only by default)
 * and the {@link ThaiFormats Thai formats} registered. {@code ./saphan validate} and the hub's
 * intake use it, so that both refuse the same values.
 */
public final class FormSchemas {

  /** Largest schema file read. */
  public static final long MAX_SCHEMA_BYTES = 256 * 1024;

  /**
   * One refused value: where (a JSON pointer into the instance), which keyword refused it, the
   * format when the keyword is {@code format}, and why. Never the value itself (personal data).
   */
  public record Problem(String path, String keyword, String format, String reason) {

    /** As a problem+json {@code errors} entry. */
    public Map<String, String> toMap() {
      Map<String, String> map = new LinkedHashMap<>();
      map.put("path", path);
      map.put("keyword", keyword);
      if (format != null) {
        map.put("format", format);
      }
      map.put("reason", reason);
      return map;
    }
  }

  private static final ObjectMapper JSON = StrictJson.mapper();

  private static final String APPLICANT_RESOURCE = "/org/saphan/catalog/applicant.schema.json";

  /** Format names {@code format} may carry: the ones asserted here, standard and Thai. */
  private static final Set<String> KNOWN_FORMATS = new TreeSet<>();

  private static final JsonSchemaFactory FACTORY;

  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder()
          .formatAssertionsEnabled(true)
          // An unknown format is an error, not a silent pass (validate refuses it beforehand).
          .strict("format", true)
          .locale(Locale.ENGLISH)
          .pathType(PathType.JSON_POINTER)
          .build();

  /** Keywords whose values are data, not subschemas: a "format" member there is not a format. */
  private static final Set<String> DATA_KEYWORDS = Set.of("examples", "const", "enum", "default");

  /**
   * The draft 2020-12 formats (section 7.3); networknt's older non-standard names (phone, color,
   * alpha...) are not offered: a card author would expect another meaning.
   */
  private static final Set<String> STANDARD_FORMATS =
      Set.of(
          "date-time",
          "date",
          "time",
          "duration",
          "email",
          "idn-email",
          "hostname",
          "idn-hostname",
          "ipv4",
          "ipv6",
          "uri",
          "uri-reference",
          "iri",
          "iri-reference",
          "uuid",
          "uri-template",
          "json-pointer",
          "relative-json-pointer",
          "regex");

  /** Keywords whose members are subschemas by name. */
  private static final Set<String> NAMED_SUBSCHEMAS =
      Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");

  static {
    List<Format> thai = ThaiFormats.all();
    Formats.DEFAULT.stream()
        .map(Format::getName)
        .filter(STANDARD_FORMATS::contains)
        .forEach(KNOWN_FORMATS::add);
    thai.forEach(format -> KNOWN_FORMATS.add(format.getName()));
    JsonMetaSchema metaSchema =
        JsonMetaSchema.builder(JsonMetaSchema.getV202012()).formats(thai).build();
    FACTORY =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012, builder -> builder.metaSchema(metaSchema));
  }

  private FormSchemas() {}

  /**
   * The schema of what the citizen types about themselves ({@code applicant}: postcode, email,
   * birth date), bundled in this jar.
   */
  public static JsonSchema applicant() {
    return Applicant.SCHEMA;
  }

  /** The format names a schema may use, sorted. */
  public static List<String> knownFormats() {
    return List.copyOf(KNOWN_FORMATS);
  }

  /** Compiles a schema document. */
  public static JsonSchema compile(JsonNode schema) {
    JsonSchema compiled = FACTORY.getSchema(schema, CONFIG);
    compiled.initializeValidators();
    return compiled;
  }

  /** Reads a schema file (JSON). */
  public static JsonNode read(Path file) throws IOException {
    if (Files.size(file) > MAX_SCHEMA_BYTES) {
      throw new IOException("the file is larger than " + MAX_SCHEMA_BYTES + " bytes");
    }
    return JSON.readTree(file.toFile());
  }

  /** Every problem of {@code instance}, ordered by path. */
  public static List<Problem> check(JsonSchema schema, JsonNode instance) {
    List<Problem> problems = new ArrayList<>();
    for (ValidationMessage message :
        schema.validate(instance == null ? JSON.nullNode() : instance)) {
      String keyword = message.getType();
      String path = message.getInstanceLocation().toString();
      String format = null;
      String reason;
      if ("format".equals(keyword)) {
        JsonNode declared = message.getSchemaNode();
        format = declared != null && declared.isTextual() ? declared.asText() : null;
        reason = "does not match format " + format;
      } else {
        reason = message.getMessage();
        // networknt prefixes the instance location; the path is already given apart.
        if (reason.startsWith(path + ": ")) {
          reason = reason.substring(path.length() + 2);
        }
      }
      problems.add(new Problem(path.isEmpty() ? "/" : path, keyword, format, reason));
    }
    problems.sort(Comparator.comparing(Problem::path).thenComparing(Problem::reason));
    return problems;
  }

  /**
   * Every {@code format} of {@code schema} that is not asserted here, as {@code <pointer into the
   * schema>: '<name>'}, in document order.
   */
  public static List<String> unknownFormats(JsonNode schema) {
    List<String> unknown = new ArrayList<>();
    walk(schema, "", false, unknown);
    return unknown;
  }

  /**
   * Walks a schema; {@code names} marks an object whose members are named subschemas ({@code
   * properties}, {@code $defs}...), not keywords.
   */
  private static void walk(JsonNode node, String pointer, boolean names, List<String> unknown) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, false, unknown);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode format = names ? null : node.get("format");
    if (format != null && format.isTextual() && !KNOWN_FORMATS.contains(format.asText())) {
      unknown.add(pointer + "/format: '" + format.asText() + "'");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      if (names || !DATA_KEYWORDS.contains(member.getKey())) {
        walk(
            member.getValue(),
            pointer + "/" + member.getKey().replace("~", "~0").replace("/", "~1"),
            !names && NAMED_SUBSCHEMAS.contains(member.getKey()),
            unknown);
      }
    }
  }

  /** The bundled applicant schema, compiled once. */
  private static final class Applicant {
    static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
      try (InputStream in = FormSchemas.class.getResourceAsStream(APPLICANT_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(APPLICANT_RESOURCE + " is missing from the catalog jar");
        }
        return compile(JSON.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + APPLICANT_RESOURCE, e);
      }
    }
  }
}
