package org.saphan.catalog.mapping;

/** The kind of text a mapping reads or writes. */
public enum MappingFormat {
  /** JSON text. */
  JSON,
  /** An XML document. */
  XML,
  /** Plain text (an XSLT stylesheet with {@code method="text"}). */
  TEXT
}
