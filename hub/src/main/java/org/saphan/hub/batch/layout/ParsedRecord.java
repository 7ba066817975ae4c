package org.saphan.hub.batch.layout;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The typed field values of one record, by field position (see {@link
 * RecordLayout#indexOf(String)}), and the reasons of the fields that failed to parse.
 */
public final class ParsedRecord {

  private final RecordLayout layout;
  private final Object[] values;
  private final List<String> errors;

  ParsedRecord(RecordLayout layout, Object[] values, List<String> errors) {
    this.layout = layout;
    this.values = values;
    this.errors = List.copyOf(errors);
  }

  public RecordLayout layout() {
    return layout;
  }

  /** True when every field parsed. */
  public boolean valid() {
    return errors.isEmpty();
  }

  /** One precise reason per failed field, in offset order. */
  public List<String> errors() {
    return errors;
  }

  /** The raw typed value at a field position (null for spares and blank optional non-text). */
  public Object value(int index) {
    return values[index];
  }

  public String text(int index) {
    return (String) values[index];
  }

  public Long number(int index) {
    return (Long) values[index];
  }

  public BigDecimal amount(int index) {
    return (BigDecimal) values[index];
  }

  public LocalDate date(int index) {
    return (LocalDate) values[index];
  }

  public LocalTime time(int index) {
    return (LocalTime) values[index];
  }

  /** The value of a named field; for occasional use (by position is faster). */
  public Object value(String name) {
    int index = layout.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no field " + name + " in record " + layout.code());
    }
    return values[index];
  }
}
