package org.saphan.hub.delivery;

import java.nio.file.Path;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.mapping.MappingException;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.catalog.mapping.MappingOutput;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.error.ErrorCode;

/**
 * Runs a card's mappings for the delivery steps, a missing or failing one as a delivery failure.
 */
public class DeliveryMappings {

  private final MappingRunner mappings;

  public DeliveryMappings(MappingRunner mappings) {
    this.mappings = mappings;
  }

  /**
   * Maps {@code input} with the card's {@code key} mapping.
   *
   * @throws DeliveryFailure {@code mapping_missing} or {@code mapping_failed}, counted
   */
  public MappingOutput run(ConnectorCard card, MappingKey key, MappingInput input) {
    Path file =
        card.mappingFile(key)
            .orElseThrow(
                () ->
                    DeliveryFailure.permanent(
                        ErrorCode.MAPPING_MISSING,
                        "card " + card.name() + " has no " + key.key() + " mapping",
                        null));
    try {
      return mappings.run(file, input);
    } catch (MappingException e) {
      throw DeliveryFailure.permanent(
          ErrorCode.MAPPING_FAILED, key.key() + " mapping " + file + ": " + e.getMessage(), e);
    }
  }
}
