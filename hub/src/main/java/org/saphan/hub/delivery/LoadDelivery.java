package org.saphan.hub.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.saphan.catalog.Catalog;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.Json;
import org.slf4j.MDC;

/**
 * Step 1 of a delivery: reads the broker message (application, message id, kind), loads the
 * application and its card into the exchange's {@link Delivery}, and tells the route whether the
 * agency already acknowledged this message id (a redelivery after a crash, a replay of what went
 * through meanwhile), which the route then skips. The message id is the log lines' correlation id
 * until the exchange is done.
 */
public class LoadDelivery implements Processor {

  private static final ObjectMapper JSON = Json.strict();

  private final Catalog catalog;
  private final ApplicationStore store;
  private final Evidence evidence;

  public LoadDelivery(Catalog catalog, ApplicationStore store, Evidence evidence) {
    this.catalog = catalog;
    this.store = store;
    this.evidence = evidence;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    JsonNode message = JSON.readTree(exchange.getMessage().getBody(String.class));
    String messageId = message.path("messageId").asText();
    Application application = store.get(message.path("applicationId").asText());
    Delivery delivery =
        new Delivery(
            messageId,
            message.path("kind").asText("delivery"),
            application,
            catalog.get(application.connector()));
    MDC.put("correlationId", messageId);
    exchange
        .getExchangeExtension()
        .addOnCompletion(
            new SynchronizationAdapter() {
              @Override
              public void onDone(Exchange done) {
                MDC.remove("correlationId");
              }
            });
    exchange.setProperty(Delivery.PROPERTY, delivery);
    exchange.setProperty(Delivery.KIND, delivery.kind());
    exchange.setProperty(Delivery.ACKNOWLEDGED, evidence.acknowledged(messageId));
  }
}
