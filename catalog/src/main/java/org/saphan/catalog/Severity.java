package org.saphan.catalog;

/** How bad a {@link Finding} is: errors make a catalog invalid, warnings do not. */
public enum Severity {
  /** The card cannot be used as it is; loading fails. */
  ERROR,
  /** The card works, but something deserves attention (for example plain http in the sandbox). */
  WARNING
}
