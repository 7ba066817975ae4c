package org.saphan.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every recurring job the hub runs, by the name {@code batch/schedules.yaml} gives it: the file
 * must schedule each of them and nothing else ({@link ScheduleRules}), and the hub registers its
 * work under the same constants, so the two cannot drift. The scope is the hub's, not the file's:
 * the file repeats it for readers and the check refuses a file that says otherwise.
 */
public enum RecurringJob {
  /** Keeps this node's leadership locks alive; it is the leadership mechanism itself. */
  LEADERSHIP_RENEWAL("leadership-renewal", JobScope.NODE, "saphan.cluster.leadership-renew"),
  /** Publishes the outbox to the broker (on the leader of the cluster only). */
  OUTBOX_RELAY("outbox-relay", JobScope.CLUSTER, "saphan.outbox.poll-interval"),
  /** Sends the portal's due webhook events. */
  PORTAL_NOTIFIER("portal-notifier", JobScope.CLUSTER, "saphan.portal.poll-interval"),
  /** Applies operators' route switches made on other nodes to this node's routes. */
  ROUTE_SWITCH_SYNC("route-switch-sync", JobScope.NODE, "saphan.delivery.switch-sync"),
  /** Half-opens this node's delivery circuits whose pause is over. */
  DELIVERY_CIRCUIT("delivery-circuit", JobScope.NODE, null),
  /** Resumes bulk replays whose node stopped heart-beating. */
  REPLAY_RESUME("replay-resume", JobScope.CLUSTER, "saphan.replay.resume-interval"),
  /** Expires unpaid payment orders. */
  PAYMENT_EXPIRY("payment-expiry", JobScope.CLUSTER, "saphan.payment.expiry-sweep-interval"),
  /** Fetches missing e-Receipts. */
  PAYMENT_RECEIPTS("payment-receipts", JobScope.CLUSTER, "saphan.payment.receipt-fetch-interval"),
  /** Records back-office SLA breaches. */
  SLA_CHECK("sla-check", JobScope.CLUSTER, "saphan.backoffice.sla-check-interval"),
  /** Moves paid back-office cases on. */
  BACKOFFICE_PAYMENT_SYNC(
      "backoffice-payment-sync", JobScope.CLUSTER, "saphan.backoffice.payment-sync-interval"),
  /** Finds back-office work the route never handled. */
  BACKOFFICE_SWEEP("backoffice-sweep", JobScope.CLUSTER, "saphan.backoffice.sweep-interval"),
  /** Tells holders of licences that are about to expire. */
  LICENCE_EXPIRY(
      "licence-expiry", JobScope.CLUSTER, "saphan.backoffice.licence-expiry-check-interval"),
  /** Renews the verifiable credentials of renewed licences. */
  LICENCE_RENEWAL(
      "licence-renewal", JobScope.CLUSTER, "saphan.backoffice.licence-expiry-check-interval"),
  /** Picks up keys rotated on disk into this node's key ring. */
  KEY_RELOAD("key-reload", JobScope.NODE, "saphan.keys.reload-interval"),
  /** Rotates keys whose certificate is near its end. */
  KEY_ROTATION("key-rotation", JobScope.CLUSTER, "saphan.keys.rotation-check-interval"),
  /** Forgets replay ids whose window has passed. */
  REPLAY_GUARD_PURGE("replay-guard-purge", JobScope.CLUSTER, "saphan.keys.replay-purge-interval"),
  /**
   * Seals the message log's new records into a manifest and has a TSA stamp it (docs/evidence.md).
   */
  EVIDENCE_TIMESTAMPER(
      "evidence-timestamper", JobScope.CLUSTER, "saphan.evidence.timestamp-interval"),

  /**
   * The daily evidence archive (docs/evidence.md), then retention: archived evidence rows and
   * closed applications leave PostgreSQL after {@code saphan.evidence.retention}.
   */
  EVIDENCE_ARCHIVE("evidence-archive", JobScope.CLUSTER, null),
  /** The nightly e-Payment reconciliation. */
  RECONCILIATION(
      "reconciliation",
      JobScope.CLUSTER,
      null,
      null,
      null,
      Map.of("settlementDay", List.of("previous", "same"))),
  /**
   * Model 3, batch agencies: exports each batch card's collected applications as one signed file
   * and uploads it (and any stored file not yet uploaded) to the agency's SFTP server.
   */
  BATCH_EXPORT("batch-export", JobScope.CLUSTER, null),
  /**
   * Model 3, batch agencies: imports each batch card's new result files (verified, applied once per
   * line) and signals late and overdue results.
   */
  BATCH_IMPORT("batch-import", JobScope.CLUSTER, null),
  /** Model 0: refreshes each card's service information (route model0-e-info). */
  INFO_REFRESH(
      "info-refresh",
      JobScope.CLUSTER,
      null,
      IntegrationModel.ZERO.templateId(),
      "info.source.refreshMinutes",
      Map.of()),
  /** Model 1 and 2: probes each card's link-out URL (route model1-link-out). */
  LINK_PROBE(
      "link-probe",
      JobScope.CLUSTER,
      null,
      IntegrationModel.ONE.templateId(),
      "linkOut.probe.intervalSeconds",
      Map.of()),
  /** Model 3: polls the status of each polled card's open applications. */
  STATUS_POLL(
      "status-poll",
      JobScope.CLUSTER,
      null,
      "model3-status-poll",
      "api.polling.intervalSeconds",
      Map.of());

  private final String jobName;
  private final JobScope scope;
  private final String property;
  private final String routeTemplate;
  private final String cardSetting;
  private final Map<String, List<String>> settings;

  RecurringJob(String jobName, JobScope scope, String property) {
    this(jobName, scope, property, null, null, Map.of());
  }

  RecurringJob(
      String jobName,
      JobScope scope,
      String property,
      String routeTemplate,
      String cardSetting,
      Map<String, List<String>> settings) {
    this.jobName = jobName;
    this.scope = scope;
    this.property = property;
    this.routeTemplate = routeTemplate;
    this.cardSetting = cardSetting;
    this.settings = settings;
  }

  /** The job's name: its key under {@code jobs} and its cluster lock's name. */
  public String jobName() {
    return jobName;
  }

  /** Whether it runs once per cluster or on every node. */
  public JobScope scope() {
    return scope;
  }

  /**
   * The hub property whose value, when set, replaces the file's {@code fixedDelay} (and its {@code
   * initialDelay} when the file gives none): tests and drills speed jobs up with it.
   */
  public Optional<String> property() {
    return Optional.ofNullable(property);
  }

  /**
   * For a job run once per connector: the route template it triggers (route id {@code
   * <connector>-<template>}); empty for a job of its own.
   */
  public Optional<String> routeTemplate() {
    return Optional.ofNullable(routeTemplate);
  }

  /** For a job run once per connector: the card setting that gives each connector's cadence. */
  public Optional<String> cardSetting() {
    return Optional.ofNullable(cardSetting);
  }

  /** Whether the job runs once per connector, at the card's cadence. */
  public boolean perConnector() {
    return routeTemplate != null;
  }

  /** Settings of this job alone, each with the values it takes. */
  public Map<String, List<String>> settings() {
    return settings;
  }

  /** The job named {@code jobName}. */
  public static Optional<RecurringJob> named(String jobName) {
    for (RecurringJob job : values()) {
      if (job.jobName.equals(jobName)) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  /** The per-connector job that triggers the routes of template {@code templateId}. */
  public static Optional<RecurringJob> forRouteTemplate(String templateId) {
    for (RecurringJob job : values()) {
      if (templateId.equals(job.routeTemplate)) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }
}
