package org.saphan.catalog.layout;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One field of a fixed-width record as a layout defines it: where it is (0-based {@code start},
 * {@code length}), what it holds ({@link FieldType}), whether it may be blank, how it is trimmed,
 * and optional allowed values or pattern for text.
 *
 * @param values allowed values of a text field (empty: any)
 * @param pattern regex a text field's trimmed value must match (null: any)
 */
public record FieldDefinition(
    String name,
    int start,
    int length,
    FieldType type,
    boolean required,
    Trim trim,
    List<String> values,
    Pattern pattern,
    String description) {

  /** Longest number or amount field: 18 digits always fit a {@code long}. */
  public static final int MAX_NUMBER_LENGTH = 18;

  public FieldDefinition {
    values = List.copyOf(values);
  }

  /** The exclusive end offset. */
  public int end() {
    return start + length;
  }

  /** {@code name [start:end]}, the way layouts and messages name a field. */
  public String label() {
    return name + " [" + start + ":" + end() + "]";
  }
}
