package org.saphan.hub.batch.layout;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Reads a layout's YAML tree into a {@link FixedWidthLayout}, collecting {@code path: reason}
 * problems.
 */
final class LayoutReader {

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

  private final String source;
  private final List<String> problems = new ArrayList<>();

  LayoutReader(String source) {
    this.source = source;
  }

  FixedWidthLayout read(Object document) {
    Map<String, Object> top = map(document, "layout");
    if (top == null) {
      throw refuse();
    }
    keys(top, TOP_KEYS, "layout");
    String name = string(top, "name", "layout", true);
    String description = string(top, "description", "layout", false);
    int recordLength = positive(top, "recordLength", "layout");
    Charset encoding = encoding(top);
    YearEra era = yearEra(top);
    int typeStart = 0;
    int typeLength = 1;
    Map<String, Object> recordType = map(top.get("recordType"), "recordType");
    if (recordType == null) {
      problems.add("recordType: required, e.g. {start: 0, length: 1}");
    } else {
      keys(recordType, RECORD_TYPE_KEYS, "recordType");
      typeStart = nonNegative(recordType, "start", "recordType");
      typeLength = positive(recordType, "length", "recordType");
      if (recordLength > 0 && typeStart + typeLength > recordLength) {
        problems.add("recordType: ends at " + (typeStart + typeLength) + ", past recordLength");
      }
    }
    Map<String, RecordLayout> records = records(top.get("records"), recordLength, typeLength);
    if (!problems.isEmpty()) {
      throw refuse();
    }
    return new FixedWidthLayout(
        name, description, recordLength, encoding, era, typeStart, typeLength, records);
  }

  private Charset encoding(Map<String, Object> top) {
    String value = string(top, "encoding", "layout", true);
    if (value == null) {
      return null;
    }
    Charset charset;
    try {
      charset = Charset.forName(value);
    } catch (IllegalArgumentException e) {
      problems.add("encoding: unknown charset " + value);
      return null;
    }
    // Columns are counted in bytes; only a single-byte charset makes them characters too.
    if (!charset.canEncode() || charset.newEncoder().maxBytesPerChar() != 1.0f) {
      problems.add("encoding: " + value + " is not a single-byte charset");
    }
    return charset;
  }

  private YearEra yearEra(Map<String, Object> top) {
    String value = string(top, "yearEra", "layout", false);
    if (value == null) {
      return YearEra.CE;
    }
    try {
      return YearEra.valueOf(value);
    } catch (IllegalArgumentException e) {
      problems.add("yearEra: must be CE or BE, got " + value);
      return YearEra.CE;
    }
  }

  private Map<String, RecordLayout> records(Object node, int recordLength, int typeLength) {
    Map<String, RecordLayout> records = new LinkedHashMap<>();
    if (!(node instanceof List<?> list) || list.isEmpty()) {
      problems.add("records: required, a non-empty list");
      return records;
    }
    Set<RecordRole> roles = EnumSet.noneOf(RecordRole.class);
    for (int i = 0; i < list.size(); i++) {
      String path = "records[" + i + "]";
      Map<String, Object> record = map(list.get(i), path);
      if (record == null) {
        continue;
      }
      String code = string(record, "code", path, true);
      if (code != null) {
        path = "records[" + code + "]";
        if (code.length() != typeLength) {
          problems.add(path + ".code: must be " + typeLength + " character(s), as recordType");
        }
        if (records.containsKey(code)) {
          problems.add(path + ".code: declared twice");
        }
      }
      keys(record, RECORD_KEYS, path);
      RecordRole role = role(record, path);
      if (role != null && !roles.add(role)) {
        problems.add(
            path + ".role: another record is already the " + role.name().toLowerCase(Locale.ROOT));
      }
      String description = string(record, "description", path, false);
      List<FieldLayout> fields = fields(record.get("fields"), path, recordLength);
      if (code != null) {
        records.put(code, new RecordLayout(code, role, description, fields));
      }
    }
    return records;
  }

  private RecordRole role(Map<String, Object> record, String path) {
    String value = string(record, "role", path, false);
    if (value == null) {
      return null;
    }
    try {
      return RecordRole.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(path + ".role: must be header, detail or trailer, got " + value);
      return null;
    }
  }

  private List<FieldLayout> fields(Object node, String recordPath, int recordLength) {
    List<FieldLayout> fields = new ArrayList<>();
    if (!(node instanceof List<?> list) || list.isEmpty()) {
      problems.add(recordPath + ".fields: required, a non-empty list");
      return fields;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = recordPath + ".fields[" + i + "]";
      Map<String, Object> field = map(list.get(i), path);
      if (field == null) {
        continue;
      }
      String name = string(field, "name", path, true);
      if (name != null) {
        path = recordPath + ".fields[" + name + "]";
        if (!FIELD_NAME.matcher(name).matches()) {
          problems.add(path + ".name: must be a lowerCamelCase identifier");
        }
        if (!names.add(name)) {
          problems.add(path + ".name: declared twice");
        }
      }
      keys(field, FIELD_KEYS, path);
      FieldLayout parsed = field(field, name, path);
      if (parsed != null) {
        fields.add(parsed);
      }
    }
    checkTiling(fields, recordPath, recordLength);
    return fields;
  }

  private FieldLayout field(Map<String, Object> field, String name, String path) {
    int start = nonNegative(field, "start", path);
    int length = positive(field, "length", path);
    String typeName = string(field, "type", path, true);
    FieldType type = null;
    if (typeName != null) {
      type = FieldType.fromYaml(typeName).orElse(null);
      if (type == null) {
        problems.add(
            path
                + ".type: must be one of text, number, amount2, date-ddmmyyyy, time-hhmmss,"
                + " spare, got "
                + typeName);
      }
    }
    boolean required = bool(field, "required", path, type != FieldType.SPARE);
    if (type == FieldType.SPARE && required) {
      problems.add(path + ".required: a spare field cannot be required");
    }
    Trim trim = trim(field, path);
    List<String> values = strings(field, "values", path);
    Pattern pattern = pattern(field, path);
    if (type != null && type != FieldType.TEXT && (!values.isEmpty() || pattern != null)) {
      problems.add(path + ": values and pattern apply to text fields only");
    }
    if ((type == FieldType.NUMBER || type == FieldType.AMOUNT2)
        && length > FieldLayout.MAX_NUMBER_LENGTH) {
      problems.add(path + ".length: a " + typeName + " field holds at most 18 digits");
    }
    if (type == FieldType.DATE_DDMMYYYY && length != 8) {
      problems.add(path + ".length: a date-ddmmyyyy field is 8 long");
    }
    if (type == FieldType.TIME_HHMMSS && length != 6) {
      problems.add(path + ".length: a time-hhmmss field is 6 long");
    }
    if (name == null || type == null || start < 0 || length <= 0) {
      return null;
    }
    return new FieldLayout(
        name,
        start,
        length,
        type,
        required,
        trim,
        values,
        pattern,
        string(field, "description", path, false));
  }

  private void checkTiling(List<FieldLayout> fields, String recordPath, int recordLength) {
    List<FieldLayout> sorted = new ArrayList<>(fields);
    sorted.sort(Comparator.comparingInt(FieldLayout::start));
    if (!sorted.equals(fields)) {
      problems.add(recordPath + ".fields: must be listed in offset order");
    }
    int expected = 0;
    for (FieldLayout field : sorted) {
      String path = recordPath + ".fields[" + field.name() + "]";
      if (field.start() > expected) {
        problems.add(
            path
                + ".start: gap: starts at "
                + field.start()
                + ", previous field ends at "
                + expected);
      } else if (field.start() < expected) {
        problems.add(
            path
                + ".start: overlap: starts at "
                + field.start()
                + ", previous field ends at "
                + expected);
      }
      expected = Math.max(expected, field.end());
    }
    if (recordLength > 0 && expected != recordLength && !sorted.isEmpty()) {
      problems.add(
          recordPath
              + ".fields: must cover the record exactly: they end at "
              + expected
              + ", recordLength is "
              + recordLength);
    }
  }

  private Trim trim(Map<String, Object> field, String path) {
    String value = string(field, "trim", path, false);
    if (value == null) {
      return Trim.BOTH;
    }
    try {
      return Trim.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(path + ".trim: must be both, left, right or none, got " + value);
      return Trim.BOTH;
    }
  }

  private Pattern pattern(Map<String, Object> field, String path) {
    String value = string(field, "pattern", path, false);
    if (value == null) {
      return null;
    }
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      problems.add(path + ".pattern: not a valid regex: " + e.getDescription());
      return null;
    }
  }

  private List<String> strings(Map<String, Object> node, String key, String path) {
    Object value = node.get(key);
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String s) {
          out.add(s);
        } else {
          problems.add(path + "." + key + ": items must be strings, got " + item);
        }
      }
    } else {
      problems.add(path + "." + key + ": must be a list of strings");
    }
    return out;
  }

  private void keys(Map<String, Object> node, Set<String> allowed, String path) {
    for (String key : node.keySet()) {
      if (!allowed.contains(key)) {
        problems.add(path + ": unknown key '" + key + "'");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object node, String path) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new HashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(e.getKey()), e.getValue());
      }
      return out;
    }
    problems.add(path + ": must be a mapping");
    return null;
  }

  private String string(Map<String, Object> node, String key, String path, boolean required) {
    Object value = node.get(key);
    if (value == null) {
      if (required) {
        problems.add(path + "." + key + ": required");
      }
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      problems.add(path + "." + key + ": must be a non-empty string");
      return null;
    }
    return s;
  }

  private boolean bool(Map<String, Object> node, String key, String path, boolean fallback) {
    Object value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      problems.add(path + "." + key + ": must be true or false");
      return fallback;
    }
    return b;
  }

  private int nonNegative(Map<String, Object> node, String key, String path) {
    return integer(node, key, path, 0);
  }

  private int positive(Map<String, Object> node, String key, String path) {
    return integer(node, key, path, 1);
  }

  private int integer(Map<String, Object> node, String key, String path, int min) {
    Object value = node.get(key);
    if (!(value instanceof Integer i)) {
      problems.add(path + "." + key + (value == null ? ": required" : ": must be an integer"));
      return -1;
    }
    if (i < min) {
      problems.add(path + "." + key + ": must be at least " + min + ", got " + i);
      return -1;
    }
    return i;
  }

  private SaphanException refuse() {
    return SaphanException.validation(
        ErrorCode.BATCH_LAYOUT_INVALID,
        "layout " + source + " is invalid:\n - " + String.join("\n - ", problems),
        Map.of("problems", List.copyOf(problems)));
  }
}
