package org.saphan.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The route templates the hub instantiates per connector card and the parameters it binds for each
 * from the card: the contract of the hub's {@code *RouteParameters} classes (its {@code
 * RouteParametersTest} holds each class to it), so that {@code ./saphan validate} can check the
 * templates of {@code routes/} against what the hub binds without the hub. How often the
 * per-connector templates run is not a parameter: the job scheduler fires them at the card's
 * cadence ({@link RecurringJob}, {@code batch/schedules.yaml}).
 */
public final class RouteBindings {

  /** Template id of the status poll of model-3 cards that are polled ({@code api.polling}). */
  public static final String STATUS_POLL_TEMPLATE = "model3-status-poll";

  /** Template id of the export of batch cards ({@code api.transport: batch}). */
  public static final String BATCH_EXPORT_TEMPLATE = "batch-export";

  /**
   * Template id of the result import of batch cards with result files ({@code api.batch.results}).
   */
  public static final String BATCH_IMPORT_TEMPLATE = "batch-import";

  /** Template id of the check operations of cards that declare some ({@code checks}). */
  public static final String CHECK_TEMPLATE = "model3-check";

  private static final Map<String, Set<String>> BOUND =
      Map.of(
          IntegrationModel.ZERO.templateId(),
          Set.of("connector"),
          IntegrationModel.ONE.templateId(),
          Set.of("connector"),
          IntegrationModel.TWO.templateId(),
          Set.of("connector", "minimumIal"),
          IntegrationModel.THREE.templateId(),
          Set.of(
              "connector",
              "queue",
              "transport",
              "endpoint",
              "paymentEndpoint",
              "signingPolicy",
              "signingAlgorithm",
              "ratePerSecond",
              "concurrency"),
          STATUS_POLL_TEMPLATE,
          Set.of("connector"),
          BATCH_EXPORT_TEMPLATE,
          Set.of("connector"),
          BATCH_IMPORT_TEMPLATE,
          Set.of("connector"),
          CHECK_TEMPLATE,
          Set.of("connector"),
          IntegrationModel.FOUR.templateId(),
          Set.of("connector", "queue"));

  private RouteBindings() {}

  /** The parameters the hub binds for template {@code id}; empty when it instantiates none. */
  public static Optional<Set<String>> bound(String templateId) {
    return Optional.ofNullable(BOUND.get(templateId));
  }

  /** Every template the hub instantiates. */
  public static Set<String> templates() {
    return BOUND.keySet();
  }
}
