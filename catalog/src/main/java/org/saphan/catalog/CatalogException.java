package org.saphan.catalog;

import java.util.List;

/** The connector catalog is invalid; the message lists every error, one per line. */
public class CatalogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Finding> errors;

  public CatalogException(List<Finding> errors) {
    super(message(errors));
    this.errors = List.copyOf(errors);
  }

  /** Every error finding, in the order of the message. */
  public List<Finding> errors() {
    return errors;
  }

  private static String message(List<Finding> errors) {
    StringBuilder text =
        new StringBuilder("The connector catalog is invalid (")
            .append(errors.size())
            .append(errors.size() == 1 ? " error):" : " errors):");
    errors.forEach(error -> text.append(System.lineSeparator()).append(error));
    return text.toString();
  }
}
