package org.saphan.catalog.mapping;

import java.nio.file.Path;

/** A mapping file could not be read, compiled or run on the given input. */
public class MappingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String reason;

  public MappingException(Path file, String reason) {
    this(file, reason, null);
  }

  public MappingException(Path file, String reason, Throwable cause) {
    super(file == null ? reason : file + ": " + reason, cause);
    this.file = file;
    this.reason = reason;
  }

  /** The mapping file, relative to the Saphan home where it lies inside it. */
  public Path file() {
    return file;
  }

  /** What went wrong, without the file name. */
  public String reason() {
    return reason;
  }
}
