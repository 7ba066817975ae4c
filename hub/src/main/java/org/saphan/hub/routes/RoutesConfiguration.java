package org.saphan.hub.routes;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.camel.CamelContext;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.batch.export.BatchAgencies;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.platform.schedule.JobScheduler;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camel glue: one parameters class per route template, the instantiator that binds them from
 * each card, and the beans the templates name ({@code oncePerCluster}, the failure recorders).
 */
@Configuration(proxyBeanMethods = false)
public class RoutesConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RoutesConfiguration.class);

  @Bean
  RouteTemplateInstantiator routeTemplateInstantiator(
      Catalog catalog,
      List<ConnectorRouteParameters> parameterSources,
      JobScheduler jobs,
      ObjectProvider<RouteTrigger> triggers) {
    return new RouteTemplateInstantiator(catalog, parameterSources, jobs, triggers);
  }

  @Bean
  Model0RouteParameters model0RouteParameters() {
    return new Model0RouteParameters();
  }

  @Bean
  Model1RouteParameters model1RouteParameters() {
    return new Model1RouteParameters();
  }

  @Bean
  Model2RouteParameters model2RouteParameters() {
    return new Model2RouteParameters();
  }

  @Bean
  Model3RouteParameters model3RouteParameters() {
    return new Model3RouteParameters();
  }

  @Bean
  StatusPollRouteParameters statusPollRouteParameters() {
    return new StatusPollRouteParameters();
  }

  @Bean
  BatchExportRouteParameters batchExportRouteParameters() {
    return new BatchExportRouteParameters();
  }

  /**
   * Job {@code batch-export}: fires each batch card's route {@code <connector>-batch-export}, which
   * takes its own cluster lock (the route id) and launches the card's export job; one card's
   * failure does not keep the others from running.
   */
  @Bean
  ScheduledWork batchExportWork(BatchAgencies agencies, ObjectProvider<RouteTrigger> triggers) {
    return ScheduledWork.locksItself(
        RecurringJob.BATCH_EXPORT,
        () -> {
          for (ConnectorCard card : agencies.cards()) {
            String routeId = BatchExportRouteParameters.routeId(card.name());
            try {
              triggers.getObject().fireScheduled(routeId);
            } catch (RuntimeException e) {
              log.error("Batch export of {} failed: {}", card.name(), SafeErrors.describe(e));
            }
          }
        });
  }

  @Bean
  CheckRouteParameters checkRouteParameters() {
    return new CheckRouteParameters();
  }

  @Bean
  BatchImportRouteParameters batchImportRouteParameters() {
    return new BatchImportRouteParameters();
  }

  /**
   * Job {@code batch-import}: fires the route {@code <connector>-batch-import} of each batch card
   * with result files, like {@link #batchExportWork}.
   */
  @Bean
  ScheduledWork batchImportWork(BatchAgencies agencies, ObjectProvider<RouteTrigger> triggers) {
    return ScheduledWork.locksItself(
        RecurringJob.BATCH_IMPORT,
        () -> {
          for (ConnectorCard card : agencies.cards()) {
            if (!BatchImportRouteParameters.hasResults(card)) {
              continue;
            }
            try {
              triggers.getObject().fireScheduled(BatchImportRouteParameters.routeId(card.name()));
            } catch (RuntimeException e) {
              log.error("Batch import of {} failed: {}", card.name(), SafeErrors.describe(e));
            }
          }
        });
  }

  @Bean
  Model4RouteParameters model4RouteParameters() {
    return new Model4RouteParameters();
  }

  @Bean
  OncePerCluster oncePerCluster(ClusterLock lock) {
    return new OncePerCluster(lock);
  }

  @Bean
  RouteRetryRecorder routeRetryRecorder() {
    return new RouteRetryRecorder();
  }

  @Bean
  RouteFailureRecorder routeFailureRecorder(MeterRegistry meters) {
    return new RouteFailureRecorder(meters);
  }

  @Bean
  RouteTrigger routeTrigger(CamelContext camel) {
    return new RouteTrigger(camel);
  }
}
