package org.saphan.hub.status;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ExchangeProperty;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.RouteHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step of the {@code model3-status-poll} route, for agencies that cannot call back ({@code
 * api.polling}): asks the agency for the status of each open application (the delivery package's
 * {@link AgencyStatusQuery}: poll mapping, signed like a delivery) and records what changed through
 * the same status intake as callbacks. The route runs it once per cluster, on the card's schedule.
 */
public class StatusPolling {

  static final int BATCH = 200;

  private static final Logger log = LoggerFactory.getLogger(StatusPolling.class);

  private final Catalog catalog;
  private final ApplicationStore store;
  private final AgencyStatusQuery agency;
  private final AgencyStatusIntake intake;
  private final MeterRegistry meters;

  public StatusPolling(
      Catalog catalog,
      ApplicationStore store,
      AgencyStatusQuery agency,
      AgencyStatusIntake intake,
      MeterRegistry meters) {
    this.catalog = catalog;
    this.store = store;
    this.agency = agency;
    this.intake = intake;
    this.meters = meters;
  }

  /** Polls every open application of a connector; returns how many changed. */
  public int poll(@ExchangeProperty(RouteHeaders.CONNECTOR) String connector) {
    ConnectorCard card = catalog.get(connector);
    int changed = 0;
    for (Application application : store.open(connector, BATCH)) {
      try {
        if (pollOne(card, application)) {
          changed++;
        }
      } catch (SaphanException e) {
        meters
            .counter("saphan.status.polls", "connector", connector, "outcome", "failed")
            .increment();
        log.warn(
            "Status poll of {} at {} failed: {}; the next poll tries again",
            application.id(),
            connector,
            e.getMessage());
      }
    }
    return changed;
  }

  private boolean pollOne(ConnectorCard card, Application application) {
    AgencyStatusQuery.Exchange exchange = agency.ask(card, application);
    AgencyStatusIntake.Outcome outcome = intake.polled(application, card, exchange, true);
    meters
        .counter(
            "saphan.status.polls",
            "connector",
            card.name(),
            "outcome",
            switch (outcome.result()) {
              case RECORDED -> "changed";
              case REFUSED -> "refused";
              default -> "unchanged";
            })
        .increment();
    return outcome.recorded();
  }
}
