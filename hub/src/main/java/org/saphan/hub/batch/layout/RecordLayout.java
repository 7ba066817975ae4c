package org.saphan.hub.batch.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One record type of a fixed-width layout: its code, role and fields in offset order. */
public final class RecordLayout {

  private final String code;
  private final RecordRole role;
  private final String description;
  private final List<FieldLayout> fields;
  private final Map<String, Integer> index = new HashMap<>();

  RecordLayout(String code, RecordRole role, String description, List<FieldLayout> fields) {
    this.code = code;
    this.role = role;
    this.description = description;
    this.fields = List.copyOf(fields);
    for (int i = 0; i < this.fields.size(); i++) {
      index.put(this.fields.get(i).name(), i);
    }
  }

  /** The record-type code, e.g. {@code D}. */
  public String code() {
    return code;
  }

  /** The role, or null when the layout gives none. */
  public RecordRole role() {
    return role;
  }

  public String description() {
    return description;
  }

  /** The fields, in offset order, tiling the record. */
  public List<FieldLayout> fields() {
    return fields;
  }

  /** The position of a field in {@link #fields()}, or -1. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /** The field covering a 0-based offset, if any. */
  public Optional<FieldLayout> fieldAt(int offset) {
    for (FieldLayout field : fields) {
      if (offset >= field.start() && offset < field.end()) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  /** Parses every field of a decoded record of the layout's length; collects every field error. */
  public ParsedRecord parse(String record, YearEra era) {
    Object[] values = new Object[fields.size()];
    List<String> errors = null;
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = fields.get(i).parse(record, era);
      } catch (FieldValueException e) {
        if (errors == null) {
          errors = new ArrayList<>(2);
        }
        errors.add(e.getMessage());
      }
    }
    return new ParsedRecord(this, values, errors == null ? List.of() : errors);
  }
}
