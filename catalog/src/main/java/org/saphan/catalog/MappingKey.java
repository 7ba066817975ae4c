package org.saphan.catalog;

import java.util.Optional;

/** The mappings a model-3 card declares under {@code api.mappings}. */
public enum MappingKey {
  /** Canonical application to the agency's request. */
  REQUEST,
  /** The agency's answer to a delivery to the canonical acknowledgement. */
  RESPONSE,
  /** An agency status message to the canonical status update. */
  STATUS,
  /**
   * A status query ({@code {applicationId, agencyReference, messageId}}) to the agency's status
   * request, for agencies that are polled ({@code api.polling}).
   */
  POLL,
  /**
   * A paid order's canonical payment notice to the agency's own message (model 3 cards that charge
   * a fee, {@code payment}).
   */
  PAYMENT;

  /** The key as written in cards and example file names: {@code request}, {@code response}... */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The mapping key written {@code key}, if any. */
  public static Optional<MappingKey> fromKey(String key) {
    for (MappingKey mappingKey : values()) {
      if (mappingKey.key().equals(key)) {
        return Optional.of(mappingKey);
      }
    }
    return Optional.empty();
  }
}
