package org.saphan.catalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem found in a connector card or in one of its mapping files.
 *
 * @param severity whether the problem makes the catalog invalid
 * @param card the connector name (the file name without {@code .connector.yaml}), or empty when the
 *     problem is not about one card
 * @param path the property, dotted with list indexes, for example {@code api.endpoint} or {@code
 *     backOffice.steps[1].mode}; empty for the whole file
 * @param reason what is wrong, in words an agency IT team can act on
 * @param file the file, relative to the Saphan home when it lies inside it; {@code null} if none
 * @param line 1-based line in {@code file}, 0 when unknown
 */
public record Finding(
    Severity severity, String card, String path, String reason, Path file, int line) {

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative: " + line);
    }
  }

  /** An error: the card cannot be used. */
  public static Finding error(String card, String path, String reason, Path file, int line) {
    return new Finding(Severity.ERROR, card, path, reason, file, line);
  }

  /** A warning: the card works but deserves attention. */
  public static Finding warning(String card, String path, String reason, Path file, int line) {
    return new Finding(Severity.WARNING, card, path, reason, file, line);
  }

  /** Whether this finding makes the catalog invalid. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The card and property the finding is about, for example {@code x.api.endpoint}. */
  public String subject() {
    if (card.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? card : card + "." + path;
  }

  /** {@code connectors/x.connector.yaml:12: x.api.endpoint: <reason>}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (file != null) {
      text.append(file.toString().replace('\\', '/'));
      if (line > 0) {
        text.append(':').append(line);
      }
      text.append(": ");
    }
    String subject = subject();
    if (!subject.isEmpty()) {
      text.append(subject).append(": ");
    }
    return text.append(reason).toString();
  }
}
