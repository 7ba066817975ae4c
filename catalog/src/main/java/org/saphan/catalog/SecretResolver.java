package org.saphan.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Resolves the {@code NAME} of a {@code ${env:NAME}} reference in a connector card. */
@FunctionalInterface
public interface SecretResolver {

  /**
   * The value of the named secret, or empty when it is not set (an empty value counts as unset).
   */
  Optional<String> resolve(String envName);

  /** Reads process environment variables: the default. */
  static SecretResolver environment() {
    return name -> Optional.ofNullable(System.getenv(name)).filter(value -> !value.isEmpty());
  }

  /** Reads a fixed map; for tests and for the sandbox profile's generated secrets. */
  static SecretResolver of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return name -> Optional.ofNullable(copy.get(name)).filter(value -> !value.isEmpty());
  }

  /** Asks {@code fallback} for the names this resolver does not know. */
  default SecretResolver orElse(SecretResolver fallback) {
    Objects.requireNonNull(fallback, "fallback");
    return name -> {
      Optional<String> value = resolve(name);
      return value.isPresent() ? value : fallback.resolve(name);
    };
  }
}
