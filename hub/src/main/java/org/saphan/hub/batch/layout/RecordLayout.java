package org.saphan.hub.batch.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.layout.FieldDefinition;
import org.saphan.catalog.layout.RecordDefinition;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.catalog.layout.YearEra;

/** One record type of a fixed-width layout: its code, role and fields in offset order. */
public final class RecordLayout {

  private final RecordDefinition definition;
  private final List<FieldCodec> codecs;
  private final Map<String, Integer> index = new HashMap<>();

  RecordLayout(RecordDefinition definition) {
    this.definition = definition;
    this.codecs = definition.fields().stream().map(FieldCodec::new).toList();
    for (int i = 0; i < definition.fields().size(); i++) {
      index.put(definition.fields().get(i).name(), i);
    }
  }

  /** The record-type code, e.g. {@code D}. */
  public String code() {
    return definition.code();
  }

  /** The role, or null when the layout gives none. */
  public RecordRole role() {
    return definition.role();
  }

  public String description() {
    return definition.description();
  }

  /** The fields, in offset order, tiling the record. */
  public List<FieldDefinition> fields() {
    return definition.fields();
  }

  /** The position of a field in {@link #fields()}, or -1. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /** The field covering a 0-based offset, if any. */
  public Optional<FieldDefinition> fieldAt(int offset) {
    for (FieldDefinition field : definition.fields()) {
      if (offset >= field.start() && offset < field.end()) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  /** Parses every field of a decoded record of the layout's length; collects every field error. */
  public ParsedRecord parse(String record, YearEra era) {
    Object[] values = new Object[codecs.size()];
    List<String> errors = null;
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = codecs.get(i).parse(record, era);
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
