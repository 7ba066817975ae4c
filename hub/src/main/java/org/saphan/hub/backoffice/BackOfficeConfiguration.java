package org.saphan.hub.backoffice;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.FormValidator;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.identity.AgencyRoles;
import org.saphan.hub.outbox.Outbox;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.StartupRefusedException;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.saphan.hub.security.Signing;
import org.saphan.hub.sla.BreachEscalation;
import org.saphan.hub.sla.CalendarHealthIndicator;
import org.saphan.hub.sla.SlaMonitor;
import org.saphan.hub.sla.WorkingDayCalendar;
import org.saphan.hub.status.PortalNotifier;
import org.saphan.hub.status.StatusRecorder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hosted back office (model 4), digital licences, and the SLA clocks of models 3 and 4 (the
 * {@code sla} package: calendar and monitor, escalated through the back office).
 */
@Configuration(proxyBeanMethods = false)
public class BackOfficeConfiguration {

  @Bean
  WorkingDayCalendar workingDayCalendar(BackOfficeProperties properties, SaphanProperties saphan) {
    Path dir =
        properties.getCalendarDir() != null
            ? properties.getCalendarDir()
            : saphan.getHome().resolve("batch/calendar");
    try {
      return WorkingDayCalendar.load(dir);
    } catch (IllegalArgumentException e) {
      throw new StartupRefusedException(
          e.getMessage(), "Fix the calendar files in " + dir + " (see batch/calendar/README.md).");
    }
  }

  @Bean("calendarHealthIndicator")
  CalendarHealthIndicator calendarHealthIndicator(WorkingDayCalendar calendar, Clock clock) {
    return new CalendarHealthIndicator(calendar, clock);
  }

  @Bean
  Workflows workflows(Catalog catalog) {
    return new Workflows(catalog);
  }

  @Bean
  WorkflowEngine workflowEngine() {
    return new WorkflowEngine();
  }

  @Bean
  CaseStore caseStore(JdbcClient jdbc) {
    return new CaseStore(jdbc);
  }

  @Bean
  BackOfficeAudit backOfficeAudit(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
    return new BackOfficeAudit(jdbc, transactions, clock);
  }

  @Bean
  Notifications notifications(JdbcClient jdbc) {
    return new Notifications(jdbc);
  }

  @Bean
  WorkEvents workEvents(
      JdbcClient jdbc, Outbox outbox, Catalog catalog, TransactionTemplate transactions) {
    return new WorkEvents(jdbc, outbox, catalog, transactions);
  }

  @Bean
  CaseProgress caseProgress(
      CaseStore store,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      StatusRecorder statuses,
      WorkEvents events,
      Clock clock) {
    return new CaseProgress(store, calendar, applications, statuses, events, clock);
  }

  @Bean
  CaseFees caseFees(
      CaseStore store,
      WorkflowEngine engine,
      Workflows workflows,
      ApplicationStore applications,
      StatusRecorder statuses,
      WorkEvents events,
      BackOfficeAudit audit,
      TransactionTemplate transactions,
      CaseProgress progress) {
    return new CaseFees(
        store, engine, workflows, applications, statuses, events, audit, transactions, progress);
  }

  @Bean
  CaseEngine caseEngine(
      CaseStore store,
      WorkflowEngine engine,
      Workflows workflows,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      StatusRecorder statuses,
      WorkEvents events,
      BackOfficeAudit audit,
      Catalog catalog,
      TransactionTemplate transactions,
      MeterRegistry meters,
      CaseFees fees,
      CaseProgress progress) {
    return new CaseEngine(
        store,
        engine,
        workflows,
        calendar,
        applications,
        statuses,
        events,
        audit,
        catalog,
        transactions,
        meters,
        fees,
        progress);
  }

  @Bean
  CaseCorrections caseCorrections(
      CaseStore store,
      WorkflowEngine engine,
      Workflows workflows,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      WorkEvents events,
      BackOfficeAudit audit,
      FormValidator forms,
      Catalog catalog,
      CaseProgress progress) {
    return new CaseCorrections(
        store, engine, workflows, calendar, applications, events, audit, forms, catalog, progress);
  }

  @Bean
  CaseViews caseViews(
      CaseStore store,
      CaseFees fees,
      Workflows workflows,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      ConsentGate gate,
      Catalog catalog,
      BackOfficeAudit audit,
      Notifications notifications,
      Clock clock) {
    return new CaseViews(
        store, fees, workflows, calendar, applications, gate, catalog, audit, notifications, clock);
  }

  @Bean
  Licences.CredentialSigner licenceSigner(Signing signing) {
    return new Licences.CredentialSigner() {
      @Override
      public String sign(com.nimbusds.jwt.JWTClaimsSet claims) {
        java.time.Instant validUntil =
            claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
        return signing.mintCredential(claims, "ES256", validUntil).jwt();
      }

      @Override
      public java.time.Instant coversUntil() {
        return signing.credentialsCoveredUntil("ES256");
      }

      @Override
      public com.nimbusds.jwt.JWTClaimsSet verify(String jwt, String audience) {
        return signing.verifyOwnJwt(jwt, audience);
      }
    };
  }

  @Bean
  Licences licences(
      JdbcClient jdbc,
      Signing signing,
      PortalNotifier portal,
      BackOfficeAudit audit,
      Clock clock,
      BackOfficeProperties properties) {
    return new Licences(
        jdbc,
        portal,
        audit,
        clock,
        () ->
            stripSlash(
                properties.getPublicBaseUrl() != null
                    ? properties.getPublicBaseUrl()
                    : signing.issuer()));
  }

  @Bean
  LicenceIssuer licenceIssuer(
      JdbcClient jdbc,
      Licences licences,
      Licences.CredentialSigner signer,
      ApplicationStore applications,
      StatusRecorder statuses,
      PortalNotifier portal,
      Workflows workflows,
      Catalog catalog,
      BackOfficeAudit audit,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock) {
    return new LicenceIssuer(
        jdbc,
        licences,
        signer,
        applications,
        statuses,
        portal,
        workflows,
        catalog,
        audit,
        transactions,
        meters,
        clock);
  }

  @Bean
  LicenceVerifier licenceVerifier(
      Licences licences, Licences.CredentialSigner signer, MeterRegistry meters, Clock clock) {
    return new LicenceVerifier(licences, signer, meters, clock);
  }

  @Bean
  LicenceHtml licenceHtml(Licences licences, Catalog catalog) {
    return new LicenceHtml(licences, catalog);
  }

  @Bean
  LicenceExpiry licenceExpiry(
      JdbcClient jdbc,
      Licences licences,
      PortalNotifier portal,
      TransactionTemplate transactions,
      MeterRegistry meters) {
    return new LicenceExpiry(jdbc, licences, portal, transactions, meters);
  }

  @Bean
  BreachEscalation breachEscalation(
      WorkEvents events, Notifications notifications, CaseStore store, BackOfficeAudit audit) {
    return new SlaEscalations(events, notifications, store, audit);
  }

  @Bean
  SlaMonitor slaMonitor(
      JdbcClient jdbc,
      WorkingDayCalendar calendar,
      Catalog catalog,
      BreachEscalation escalation,
      TransactionTemplate transactions,
      MeterRegistry meters) {
    return new SlaMonitor(jdbc, calendar, catalog, escalation, transactions, meters);
  }

  @Bean
  RoleAdministration roleAdministration(
      AgencyRoles roles, Workflows workflows, BackOfficeAudit audit) {
    return new RoleAdministration(roles, workflows, audit);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  // --- the back office's recurring jobs, each once per cluster (batch/schedules.yaml) ---

  @Bean
  ScheduledWork slaCheckWork(SlaMonitor sla, Clock clock) {
    return ScheduledWork.locked(RecurringJob.SLA_CHECK, () -> sla.checkAt(clock.instant()));
  }

  @Bean
  ScheduledWork backOfficePaymentSyncWork(CaseFees fees) {
    return ScheduledWork.locked(RecurringJob.BACKOFFICE_PAYMENT_SYNC, fees::syncPayments);
  }

  @Bean
  ScheduledWork backOfficeSweepWork(
      WorkEvents events, BackOfficeProperties properties, Clock clock) {
    return ScheduledWork.locked(
        RecurringJob.BACKOFFICE_SWEEP,
        () -> events.sweep(clock.instant(), properties.getSweepAfter()));
  }

  @Bean
  ScheduledWork licenceExpiryWork(LicenceExpiry expiry, Clock clock) {
    return ScheduledWork.locked(
        RecurringJob.LICENCE_EXPIRY, () -> expiry.notifyExpiring(clock.instant()));
  }

  @Bean
  ScheduledWork licenceRenewalWork(LicenceIssuer issuer, Clock clock) {
    return ScheduledWork.locked(
        RecurringJob.LICENCE_RENEWAL, () -> issuer.renewCredentials(clock.instant()));
  }
}
