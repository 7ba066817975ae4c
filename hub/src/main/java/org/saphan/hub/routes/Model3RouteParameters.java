package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.hub.outbox.Queues;
import org.springframework.stereotype.Component;

/**
 * The {@code model3-api-share} route of each model-3 card: its queue, and the card's transport,
 * endpoints, signing and limits, as strings named like the card properties they come from.
 */
@Component
public class Model3RouteParameters implements ConnectorRouteParameters {

  @Override
  public String templateId() {
    return IntegrationModel.THREE.templateId();
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.integrationModel() == IntegrationModel.THREE;
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    String transport = card.at("/api/transport").asText("rest");
    String endpoint = card.at("/api/endpoint").asText();
    // SOAP agencies take payment notices at their one endpoint (another WSDL operation).
    String paymentEndpoint =
        transport.equals("soap") ? endpoint : card.at("/api/paymentEndpoint").asText("");
    return Map.of(
        "connector", card.name(),
        "queue", Queues.of(card),
        "transport", transport,
        "endpoint", endpoint,
        "paymentEndpoint", paymentEndpoint,
        "signingPolicy", card.at("/api/signing/policy").asText("jws"),
        "signingAlgorithm", card.at("/api/signing/algorithm").asText(""),
        "ratePerSecond", card.at("/api/limits/ratePerSecond").asText("10"),
        "concurrency", card.at("/api/limits/concurrency").asText("4"));
  }
}
