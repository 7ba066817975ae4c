package org.saphan.catalog;

import java.util.Objects;

/** A resolved secret value that never shows itself in logs, exceptions or debuggers' toString. */
public final class Secret {

  private static final String MASK = "****";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps a secret value. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself; call it only where the value is handed to the party that needs it. */
  public String reveal() {
    return value;
  }

  /** Always {@code ****}. */
  @Override
  public String toString() {
    return MASK;
  }
}
