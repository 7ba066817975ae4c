package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.RouteBindings;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.catalog.settings.BatchSettings;
import org.saphan.hub.batch.export.BatchAgencies;

/**
 * The {@code batch-import} route of each batch card with result files ({@code api.batch.results}):
 * it launches the card's result import job; the job scheduler fires it on job {@code batch-import}
 * of {@code batch/schedules.yaml}, operators with {@code POST
 * /ops/v1/connectors/{name}/batch-import}.
 */
public class BatchImportRouteParameters implements ConnectorRouteParameters {

  /** The template id in {@code routes/}. */
  public static final String TEMPLATE_ID = RouteBindings.BATCH_IMPORT_TEMPLATE;

  @Override
  public String templateId() {
    return TEMPLATE_ID;
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return hasResults(card);
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    return Map.of("connector", card.name());
  }

  /** Whether a card is a batch agency's that sends result files. */
  public static boolean hasResults(ConnectorCard card) {
    return BatchAgencies.isBatch(card)
        && card.api().flatMap(ApiSettings::batch).flatMap(BatchSettings::results).isPresent();
  }

  /** The route id of a card's import. */
  public static String routeId(String connector) {
    return connector + "-" + TEMPLATE_ID;
  }
}
