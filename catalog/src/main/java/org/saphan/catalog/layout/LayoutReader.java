package org.saphan.catalog.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.saphan.catalog.YamlCardReader;
import org.saphan.catalog.YamlCardReader.Problem;

/**
 * Reads and checks a fixed-width layout file ({@code batch/layouts/*.yaml}) and reports every
 * problem at once, each with the property (records and fields named by code and name, as in {@code
 * records[D].fields[amount].start}) and its line. Used by {@code ./saphan validate} and by the hub,
 * which refuses to read files with a layout that has problems.
 */
public final class LayoutReader {

  private static final Set<String> TOP_KEYS =
      Set.of("name", "description", "recordLength", "encoding", "yearEra", "recordType", "records");
  private static final Set<String> RECORD_TYPE_KEYS = Set.of("start", "length");
  private static final Set<String> RECORD_KEYS = Set.of("code", "role", "description", "fields");
  private static final Set<String> FIELD_KEYS =
      Set.of(
          "name",
          "start",
          "length",
          "type",
          "required",
          "trim",
          "values",
          "pattern",
          "description");
  private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

  /**
   * What reading a layout produced.
   *
   * @param definition the layout, or {@code null} when there is a problem
   * @param problems every problem, in the order found
   * @param yamlInvalid the text is not YAML at all (the problems say why)
   */
  public record Result(LayoutDefinition definition, List<Problem> problems, boolean yamlInvalid) {

    public Result {
      problems = List.copyOf(problems);
    }
  }

  private final YamlCardReader.Result yaml;
  private final List<Problem> problems = new ArrayList<>();

  private LayoutReader(YamlCardReader.Result yaml) {
    this.yaml = yaml;
  }

  /** Reads and checks layout YAML. */
  public static Result read(String text) {
    YamlCardReader.Result yaml = new YamlCardReader().read(text);
    if (yaml.root() == null) {
      return new Result(null, yaml.problems(), true);
    }
    LayoutReader reader = new LayoutReader(yaml);
    reader.problems.addAll(yaml.problems());
    LayoutDefinition definition = reader.read(yaml.root());
    return new Result(reader.problems.isEmpty() ? definition : null, reader.problems, false);
  }

  private LayoutDefinition read(JsonNode document) {
    if (!object(document, "layout", "")) {
      return null;
    }
    keys(document, TOP_KEYS, "layout", "");
    String name = string(document, "name", "layout", "", true);
    String description = string(document, "description", "layout", "", false);
    int recordLength = positive(document, "recordLength", "layout", "");
    Charset encoding = encoding(document);
    YearEra era = yearEra(document);
    int typeStart = 0;
    int typeLength = 1;
    JsonNode recordType = document.get("recordType");
    if (recordType == null || recordType.isNull()) {
      add("recordType", "required, e.g. {start: 0, length: 1}", "");
    } else if (object(recordType, "recordType", "recordType")) {
      keys(recordType, RECORD_TYPE_KEYS, "recordType", "recordType");
      typeStart = nonNegative(recordType, "start", "recordType", "recordType");
      typeLength = positive(recordType, "length", "recordType", "recordType");
      if (recordLength > 0 && typeStart + typeLength > recordLength) {
        add(
            "recordType",
            "ends at " + (typeStart + typeLength) + ", past recordLength",
            "recordType");
      }
    }
    List<RecordDefinition> records =
        records(document.get("records"), recordLength, Math.max(typeLength, 1));
    return new LayoutDefinition(
        name, description, recordLength, encoding, era, typeStart, typeLength, records);
  }

  private Charset encoding(JsonNode top) {
    String value = string(top, "encoding", "layout", "", true);
    if (value == null) {
      return null;
    }
    Charset charset;
    try {
      charset = Charset.forName(value);
    } catch (IllegalArgumentException e) {
      add("encoding", "unknown charset " + value, "encoding");
      return null;
    }
    // Columns are counted in bytes; only a single-byte charset makes them characters too.
    if (!charset.canEncode() || charset.newEncoder().maxBytesPerChar() != 1.0f) {
      add("encoding", value + " is not a single-byte charset", "encoding");
    }
    return charset;
  }

  private YearEra yearEra(JsonNode top) {
    String value = string(top, "yearEra", "layout", "", false);
    if (value == null) {
      return YearEra.CE;
    }
    try {
      return YearEra.valueOf(value);
    } catch (IllegalArgumentException e) {
      add("yearEra", "must be CE or BE, got " + value, "yearEra");
      return YearEra.CE;
    }
  }

  private List<RecordDefinition> records(JsonNode node, int recordLength, int typeLength) {
    Map<String, RecordDefinition> records = new LinkedHashMap<>();
    if (node == null || !node.isArray() || node.isEmpty()) {
      add("records", "required, a non-empty list", "records");
      return List.of();
    }
    Set<RecordRole> roles = EnumSet.noneOf(RecordRole.class);
    for (int i = 0; i < node.size(); i++) {
      String at = "records[" + i + "]";
      String path = at;
      JsonNode record = node.get(i);
      if (!object(record, path, at)) {
        continue;
      }
      String code = string(record, "code", path, at, true);
      if (code != null) {
        path = "records[" + code + "]";
        if (code.length() != typeLength) {
          add(
              path + ".code",
              "must be " + typeLength + " character(s), as recordType",
              at + ".code");
        }
        if (records.containsKey(code)) {
          add(path + ".code", "declared twice", at + ".code");
        }
      }
      keys(record, RECORD_KEYS, path, at);
      RecordRole role = role(record, path, at);
      if (role != null && !roles.add(role)) {
        add(
            path + ".role",
            "another record is already the " + role.name().toLowerCase(Locale.ROOT),
            at + ".role");
      }
      String description = string(record, "description", path, at, false);
      List<FieldDefinition> fields = fields(record.get("fields"), path, at, recordLength);
      if (code != null) {
        records.putIfAbsent(code, new RecordDefinition(code, role, description, fields));
      }
    }
    return List.copyOf(records.values());
  }

  private RecordRole role(JsonNode record, String path, String at) {
    String value = string(record, "role", path, at, false);
    if (value == null) {
      return null;
    }
    try {
      return RecordRole.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      add(path + ".role", "must be header, detail or trailer, got " + value, at + ".role");
      return null;
    }
  }

  private List<FieldDefinition> fields(
      JsonNode node, String recordPath, String recordAt, int recordLength) {
    List<FieldDefinition> fields = new ArrayList<>();
    Map<String, String> fieldAt = new LinkedHashMap<>();
    if (node == null || !node.isArray() || node.isEmpty()) {
      add(recordPath + ".fields", "required, a non-empty list", recordAt + ".fields");
      return fields;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String at = recordAt + ".fields[" + i + "]";
      String path = recordPath + ".fields[" + i + "]";
      JsonNode field = node.get(i);
      if (!object(field, path, at)) {
        continue;
      }
      String name = string(field, "name", path, at, true);
      if (name != null) {
        path = recordPath + ".fields[" + name + "]";
        if (!FIELD_NAME.matcher(name).matches()) {
          add(path + ".name", "must be a lowerCamelCase identifier", at + ".name");
        }
        if (!names.add(name)) {
          add(path + ".name", "declared twice", at + ".name");
        }
      }
      keys(field, FIELD_KEYS, path, at);
      FieldDefinition parsed = field(field, name, path, at);
      if (parsed != null) {
        fields.add(parsed);
        fieldAt.putIfAbsent(parsed.name(), at);
      }
    }
    checkTiling(fields, fieldAt, recordPath, recordAt, recordLength);
    return fields;
  }

  private FieldDefinition field(JsonNode field, String name, String path, String at) {
    int start = nonNegative(field, "start", path, at);
    int length = positive(field, "length", path, at);
    String typeName = string(field, "type", path, at, true);
    FieldType type = null;
    if (typeName != null) {
      type = FieldType.fromYaml(typeName).orElse(null);
      if (type == null) {
        add(
            path + ".type",
            "must be one of text, number, amount2, date-ddmmyyyy, time-hhmmss, spare, got "
                + typeName,
            at + ".type");
      }
    }
    boolean required = bool(field, "required", path, at, type != FieldType.SPARE);
    if (type == FieldType.SPARE && required) {
      add(path + ".required", "a spare field cannot be required", at + ".required");
    }
    Trim trim = trim(field, path, at);
    List<String> values = strings(field, "values", path, at);
    Pattern pattern = pattern(field, path, at);
    if (type != null && type != FieldType.TEXT && (!values.isEmpty() || pattern != null)) {
      add(path, "values and pattern apply to text fields only", at);
    }
    if ((type == FieldType.NUMBER || type == FieldType.AMOUNT2)
        && length > FieldDefinition.MAX_NUMBER_LENGTH) {
      add(path + ".length", "a " + typeName + " field holds at most 18 digits", at + ".length");
    }
    if (type == FieldType.DATE_DDMMYYYY && length != 8) {
      add(path + ".length", "a date-ddmmyyyy field is 8 long", at + ".length");
    }
    if (type == FieldType.TIME_HHMMSS && length != 6) {
      add(path + ".length", "a time-hhmmss field is 6 long", at + ".length");
    }
    if (name == null || type == null || start < 0 || length <= 0) {
      return null;
    }
    return new FieldDefinition(
        name,
        start,
        length,
        type,
        required,
        trim,
        values,
        pattern,
        string(field, "description", path, at, false));
  }

  private void checkTiling(
      List<FieldDefinition> fields,
      Map<String, String> fieldAt,
      String recordPath,
      String recordAt,
      int recordLength) {
    List<FieldDefinition> sorted = new ArrayList<>(fields);
    sorted.sort(Comparator.comparingInt(FieldDefinition::start));
    if (!sorted.equals(fields)) {
      add(recordPath + ".fields", "must be listed in offset order", recordAt + ".fields");
    }
    int expected = 0;
    for (FieldDefinition field : sorted) {
      String path = recordPath + ".fields[" + field.name() + "].start";
      String at = fieldAt.get(field.name()) + ".start";
      if (field.start() > expected) {
        add(path, "gap: starts at " + field.start() + ", previous field ends at " + expected, at);
      } else if (field.start() < expected) {
        add(
            path,
            "overlap: starts at " + field.start() + ", previous field ends at " + expected,
            at);
      }
      expected = Math.max(expected, field.end());
    }
    if (recordLength > 0 && expected != recordLength && !sorted.isEmpty()) {
      add(
          recordPath + ".fields",
          "must cover the record exactly: they end at "
              + expected
              + ", recordLength is "
              + recordLength,
          recordAt + ".fields");
    }
  }

  private Trim trim(JsonNode field, String path, String at) {
    String value = string(field, "trim", path, at, false);
    if (value == null) {
      return Trim.BOTH;
    }
    try {
      return Trim.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      add(path + ".trim", "must be both, left, right or none, got " + value, at + ".trim");
      return Trim.BOTH;
    }
  }

  private Pattern pattern(JsonNode field, String path, String at) {
    String value = string(field, "pattern", path, at, false);
    if (value == null) {
      return null;
    }
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      add(path + ".pattern", "not a valid regex: " + e.getDescription(), at + ".pattern");
      return null;
    }
  }

  private List<String> strings(JsonNode node, String key, String path, String at) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (item.isTextual()) {
          out.add(item.textValue());
        } else {
          add(path + "." + key, "items must be strings, got " + item, at + "." + key);
        }
      }
    } else {
      add(path + "." + key, "must be a list of strings", at + "." + key);
    }
    return out;
  }

  private void keys(JsonNode node, Set<String> allowed, String path, String at) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!allowed.contains(key)) {
        add(path, "unknown key '" + key + "'", child(at, key));
      }
    }
  }

  private boolean object(JsonNode node, String path, String at) {
    if (node != null && node.isObject()) {
      return true;
    }
    add(path, "must be a mapping", at);
    return false;
  }

  private String string(JsonNode node, String key, String path, String at, boolean required) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      if (required) {
        add(path + "." + key, "required", at);
      }
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      add(path + "." + key, "must be a non-empty string", child(at, key));
      return null;
    }
    return value.textValue();
  }

  private boolean bool(JsonNode node, String key, String path, String at, boolean fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      add(path + "." + key, "must be true or false", child(at, key));
      return fallback;
    }
    return value.booleanValue();
  }

  private int nonNegative(JsonNode node, String key, String path, String at) {
    return integer(node, key, path, at, 0);
  }

  private int positive(JsonNode node, String key, String path, String at) {
    return integer(node, key, path, at, 1);
  }

  private int integer(JsonNode node, String key, String path, String at, int min) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      add(path + "." + key, "required", at);
      return -1;
    }
    if (!value.isInt()) {
      add(path + "." + key, "must be an integer", child(at, key));
      return -1;
    }
    if (value.intValue() < min) {
      add(
          path + "." + key,
          "must be at least " + min + ", got " + value.intValue(),
          child(at, key));
      return -1;
    }
    return value.intValue();
  }

  private static String child(String at, String key) {
    return at.isEmpty() ? key : at + "." + key;
  }

  /** A problem about {@code path}, located at the YAML path {@code at} (index-based). */
  private void add(String path, String reason, String at) {
    problems.add(new Problem(path, reason, yaml.lineOf(at)));
  }
}
