package org.saphan.hub.routes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.platform.StartupRefusedException;
import org.saphan.hub.platform.schedule.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Instantiates the route templates of {@code routes/} once per connector card, with route ids
 * {@code <connector>-<template id>} and parameters taken from the card (never from a message); a
 * route of a per-connector job of {@code batch/schedules.yaml} is handed to the job scheduler at
 * the card's cadence.
 */
public class RouteTemplateInstantiator implements CamelContextConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RouteTemplateInstantiator.class);

  private final Catalog catalog;
  private final List<ConnectorRouteParameters> parameterSources;
  private final JobScheduler jobs;
  private final ObjectProvider<RouteTrigger> triggers;
  private final List<String> instantiated = new ArrayList<>();

  public RouteTemplateInstantiator(
      Catalog catalog,
      List<ConnectorRouteParameters> parameterSources,
      JobScheduler jobs,
      ObjectProvider<RouteTrigger> triggers) {
    this.catalog = catalog;
    this.parameterSources = parameterSources;
    this.jobs = jobs;
    this.triggers = triggers;
  }

  @Override
  public void beforeApplicationStart(CamelContext camelContext) {
    // Templates are loaded from routes/ while the context starts; routes are added after.
  }

  @Override
  public void afterApplicationStart(CamelContext camelContext) {
    ModelCamelContext model = (ModelCamelContext) camelContext;
    for (ConnectorCard card : catalog.cards()) {
      for (ConnectorRouteParameters source : parameterSources) {
        if (!source.appliesTo(card)) {
          continue;
        }
        String templateId = source.templateId();
        if (model.getRouteTemplateDefinition(templateId) == null) {
          throw new StartupRefusedException(
              "Route template '"
                  + templateId
                  + "' needed by connector "
                  + card.name()
                  + " is not loaded from routes/",
              "Check that routes/" + templateId + ".camel.yaml exists under saphan.home.");
        }
        String routeId = card.name() + "-" + templateId;
        // Node ids <route id>-<step id>: readable in Hawtio and JMX, unique per route (without a
        // prefix Camel numbers each instance: route-1load, route-2load, ...).
        TemplatedRouteBuilder builder =
            TemplatedRouteBuilder.builder(camelContext, templateId)
                .routeId(routeId)
                .prefixId(routeId + "-");
        for (Map.Entry<String, Object> parameter : source.parameters(card).entrySet()) {
          builder.parameter(parameter.getKey(), parameter.getValue());
        }
        builder.add();
        instantiated.add(routeId);
        schedule(source, card, routeId);
      }
    }
    log.info("Instantiated {} connector routes: {}", instantiated.size(), instantiated);
  }

  /** Hands the route of a per-connector job to the job scheduler, at the card's cadence. */
  private void schedule(ConnectorRouteParameters source, ConnectorCard card, String routeId) {
    RecurringJob job = RecurringJob.forRouteTemplate(source.templateId()).orElse(null);
    if (job == null) {
      return;
    }
    Duration every =
        source
            .cadence(card)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        source.getClass().getSimpleName() + " gives no cadence for " + routeId));
    RouteTrigger trigger = triggers.getObject();
    jobs.scheduleRoute(job, card.name(), routeId, every, () -> trigger.fireScheduled(routeId));
  }

  /** Route ids this node created from templates, in creation order. */
  public List<String> instantiatedRouteIds() {
    return List.copyOf(instantiated);
  }
}
