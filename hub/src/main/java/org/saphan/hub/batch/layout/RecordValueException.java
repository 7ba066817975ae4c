package org.saphan.hub.batch.layout;

/**
 * A value a record of a layout cannot hold: too long, or a character the layout's encoding cannot
 * write. The message names the field, never the value.
 */
public final class RecordValueException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String field;

  RecordValueException(String field, String reason) {
    super(reason, null, false, false);
    this.field = field;
  }

  /** The field's name. */
  public String field() {
    return field;
  }
}
