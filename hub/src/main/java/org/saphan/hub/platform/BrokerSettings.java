package org.saphan.hub.platform;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.settings.ApiSettings;

/**
 * The broker address settings delivery relies on: redelivery with exponential backoff and jitter
 * per connector (from the card's {@code api.retry}), no broker-side give-up (the hub decides when a
 * delivery is dead), and duplicate detection. Applied to the sandbox's embedded broker; a
 * production broker needs the same {@code address-settings} in its broker.xml (see
 * docs/operators.md, "Production").
 */
public final class BrokerSettings {

  /** Address prefix of delivery queues. */
  public static final String DELIVERY_PREFIX = "saphan.deliver.";

  private BrokerSettings() {}

  /** Adds the settings to a broker configuration. */
  public static void apply(Configuration configuration, Catalog catalog) {
    configuration.addAddressSetting("saphan.#", defaults());
    for (ConnectorCard card : catalog.byModel(IntegrationModel.THREE)) {
      AddressSettings settings = defaults();
      ApiSettings.Retry retry = card.api().orElseThrow().retry();
      settings.setRedeliveryDelay(retry.initialDelayMillis());
      settings.setRedeliveryMultiplier(retry.multiplier());
      settings.setMaxRedeliveryDelay(retry.maxDelayMillis());
      configuration.addAddressSetting(DELIVERY_PREFIX + card.name(), settings);
    }
    configuration.setIDCacheSize(100_000);
    configuration.setPersistIDCache(true);
  }

  private static AddressSettings defaults() {
    AddressSettings settings = new AddressSettings();
    settings.setRedeliveryDelay(1000);
    settings.setRedeliveryMultiplier(2.0);
    settings.setMaxRedeliveryDelay(300_000);
    // Jitter: each redelivery delay varies by up to ±30 %, so failed deliveries do not return in
    // step.
    settings.setRedeliveryCollisionAvoidanceFactor(0.3);
    // The hub, not the broker, decides when a delivery is dead (routes/error-handling.camel.yaml,
    // saphan-delivery).
    settings.setMaxDeliveryAttempts(-1);
    settings.setAutoCreateQueues(true);
    settings.setAutoCreateAddresses(true);
    return settings;
  }
}
