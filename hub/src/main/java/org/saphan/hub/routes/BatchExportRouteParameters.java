package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.RouteBindings;
import org.saphan.hub.batch.export.BatchAgencies;

/**
 * The {@code batch-export} route of each batch card ({@code api.transport: batch}): it launches the
 * card's export job; the job scheduler fires it on job {@code batch-export} of {@code
 * batch/schedules.yaml}, operators with {@code POST /ops/v1/connectors/{name}/batch-export}.
 */
public class BatchExportRouteParameters implements ConnectorRouteParameters {

  /** The template id in {@code routes/}. */
  public static final String TEMPLATE_ID = RouteBindings.BATCH_EXPORT_TEMPLATE;

  @Override
  public String templateId() {
    return TEMPLATE_ID;
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return BatchAgencies.isBatch(card);
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    return Map.of("connector", card.name());
  }

  /** The route id of a card's export. */
  public static String routeId(String connector) {
    return connector + "-" + TEMPLATE_ID;
  }
}
