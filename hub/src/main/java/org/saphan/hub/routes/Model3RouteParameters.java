package org.saphan.hub.routes;

import java.net.URI;
import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.hub.outbox.Queues;

/**
 * The {@code model3-api-share} route of each model-3 card: its queue, and the card's transport,
 * endpoints, signing and limits, as strings named like the card properties they come from.
 */
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
    ApiSettings api = card.api().orElseThrow();
    String endpoint = api.endpoint().map(URI::toString).orElse("");
    // SOAP agencies take payment notices at their one endpoint (another WSDL operation).
    String paymentEndpoint =
        api.transport() == ApiSettings.Transport.SOAP
            ? endpoint
            : api.paymentEndpoint().map(URI::toString).orElse("");
    return Map.of(
        "connector", card.name(),
        "queue", Queues.of(card),
        "transport", api.transport().cardName(),
        "endpoint", endpoint,
        "paymentEndpoint", paymentEndpoint,
        "signingPolicy", api.signing().policy(),
        "signingAlgorithm", api.signing().algorithm().orElse(""),
        "ratePerSecond", Integer.toString(api.limits().ratePerSecond()),
        "concurrency", Integer.toString(api.limits().concurrency()));
  }
}
