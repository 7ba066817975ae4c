package org.saphan.catalog.layout;

import java.util.List;

/**
 * One record type of a fixed-width layout as defined: its code, role (null when the layout gives
 * none), description and fields in offset order, tiling the record.
 */
public record RecordDefinition(
    String code, RecordRole role, String description, List<FieldDefinition> fields) {

  public RecordDefinition {
    fields = List.copyOf(fields);
  }
}
