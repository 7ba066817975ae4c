package org.saphan.hub.batch.layout;

/** A field's bytes are not a value of its type; the message is the precise reason. */
final class FieldValueException extends Exception {

  private static final long serialVersionUID = 1L;

  FieldValueException(String reason) {
    super(reason, null, false, false);
  }
}
