package org.saphan.hub.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.RecurringJob;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.batch.export.ExportStore;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.evidence.StampingState;
import org.saphan.hub.outbox.Outbox;
import org.saphan.hub.payment.PaymentLedger;
import org.saphan.hub.platform.AsyncCommit;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.status.StatusRecorder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery to agencies: transports, the delivery route's steps, the circuit breaker, the switches,
 * the dead letters and their replays.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

  @Bean
  MappingRunner mappingRunner(SaphanProperties properties) {
    return new MappingRunner(properties.getHome());
  }

  @Bean
  RestTransport restTransport(EgressClient egress, DeliveryProperties properties) {
    return new RestTransport(egress, callBudget(properties));
  }

  @Bean
  SoapTransport soapTransport(
      SaphanProperties saphan, EgressClient egress, DeliveryProperties properties) {
    return new SoapTransport(saphan.getHome(), egress, callBudget(properties));
  }

  /** One agency call's whole budget: connecting, then waiting for the answer. */
  private static java.time.Duration callBudget(DeliveryProperties properties) {
    return properties.getConnectTimeout().plus(properties.getResponseTimeout());
  }

  // --- the steps of routes/model3-api-share.camel.yaml, by the names the route refers to ---

  @Bean
  DeliveryMappings deliveryMappings(MappingRunner mappings) {
    return new DeliveryMappings(mappings);
  }

  @Bean
  DeliveryOutcomes deliveryOutcomes(MeterRegistry meters) {
    return new DeliveryOutcomes(meters);
  }

  @Bean
  LoadDelivery loadDelivery(Catalog catalog, ApplicationStore store, Evidence evidence) {
    return new LoadDelivery(catalog, store, evidence);
  }

  @Bean
  SkipAcknowledged skipAcknowledged(DeadLetters deadLetters) {
    return new SkipAcknowledged(deadLetters);
  }

  @Bean
  CountAttempt countAttempt(DeadLetters deadLetters) {
    return new CountAttempt(deadLetters);
  }

  @Bean
  BuildPaymentNotice buildPaymentNotice(PaymentLedger payments, ApplicationStore store) {
    return new BuildPaymentNotice(payments, store);
  }

  @Bean
  MapRequest mapRequest(DeliveryMappings mappings) {
    return new MapRequest(mappings);
  }

  @Bean
  SignRequest signRequest(Signing signing) {
    return new SignRequest(signing);
  }

  @Bean
  SendRest sendRest(RestTransport rest) {
    return new SendRest(rest);
  }

  @Bean
  SendSoap sendSoap(SoapTransport soap) {
    return new SendSoap(soap);
  }

  @Bean
  ReadAnswer readAnswer(DeliveryMappings mappings) {
    return new ReadAnswer(mappings);
  }

  @Bean
  RecordDelivery recordDelivery(
      ApplicationStore store,
      Evidence evidence,
      DeadLetters deadLetters,
      StatusRecorder statuses,
      TransactionTemplate transactions,
      DeliveryOutcomes outcomes,
      FaultInjection faults,
      Clock clock) {
    return new RecordDelivery(
        store, evidence, deadLetters, statuses, transactions, outcomes, faults, clock);
  }

  @Bean
  QueueExport queueExport(
      ExportStore exportStore, Evidence evidence, TransactionTemplate transactions, Clock clock) {
    return new QueueExport(exportStore, evidence, transactions, clock);
  }

  @Bean
  RecordPaymentNotice recordPaymentNotice(
      Evidence evidence,
      DeadLetters deadLetters,
      TransactionTemplate transactions,
      DeliveryOutcomes outcomes) {
    return new RecordPaymentNotice(evidence, deadLetters, transactions, outcomes);
  }

  @Bean
  DeliveryFailures deliveryFailures(
      Evidence evidence,
      DeadLetters deadLetters,
      StatusRecorder statuses,
      DeliveryOutcomes outcomes,
      Clock clock) {
    return new DeliveryFailures(evidence, deadLetters, statuses, outcomes, clock);
  }

  /** The agency call of the status package's polling. */
  @Bean
  AgencyStatusPoll agencyStatusPoll(MappingRunner mappings, Signing signing, SoapTransport soap) {
    return new AgencyStatusPoll(mappings, signing, soap);
  }

  // --- dead letters and operators' replays ---

  @Bean
  DeadLetters deadLetters(JdbcClient jdbc, AsyncCommit commits) {
    return new DeadLetters(jdbc, commits);
  }

  @Bean
  Replays replays(
      DeadLetters deadLetters,
      ApplicationStore store,
      Outbox outbox,
      Catalog catalog,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Clock clock,
      NodeIdentity node,
      ReplayProperties properties) {
    return new Replays(
        deadLetters,
        store,
        outbox,
        catalog,
        jdbc,
        transactions,
        clock,
        node.name(),
        properties.getHeartbeatTimeout());
  }

  /** Resumes bulk replays whose node stopped heart-beating, once per cluster. */
  @Bean
  ScheduledWork replayResumeWork(Replays replays) {
    return ScheduledWork.locked(RecurringJob.REPLAY_RESUME, replays::resumeStale);
  }

  @Bean
  RouteSwitches routeSwitches(JdbcClient jdbc, CamelContext camel) {
    return new RouteSwitches(jdbc, camel);
  }

  @Bean
  DeliveryCircuit deliveryCircuit(
      DeliveryProperties properties,
      RouteSwitches switches,
      StampingState stamping,
      Clock clock,
      MeterRegistry meters) {
    DeliveryCircuit circuit =
        new DeliveryCircuit(
            properties.getCircuitThreshold(),
            properties.getCircuitPause(),
            properties.getCircuitMaxPause(),
            switches,
            clock,
            meters);
    switches.circuit(circuit);
    // the message log's fail-safe: no delivery while its evidence cannot be timestamped
    circuit.holdWhile(() -> stamping.refresh().pauseReason());
    return circuit;
  }

  /** Applies operators' switches made on other nodes to this node's routes. */
  @Bean
  ScheduledWork routeSwitchSyncWork(RouteSwitches switches) {
    return ScheduledWork.onEveryNode(RecurringJob.ROUTE_SWITCH_SYNC, switches::sync);
  }

  /** Half-opens this node's circuits whose pause is over. */
  @Bean
  ScheduledWork deliveryCircuitWork(DeliveryCircuit circuit) {
    return ScheduledWork.onEveryNode(RecurringJob.DELIVERY_CIRCUIT, circuit::tick);
  }
}
