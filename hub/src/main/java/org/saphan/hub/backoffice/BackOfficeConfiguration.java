package org.saphan.hub.backoffice;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.FormValidator;
import org.saphan.hub.applications.PortalNotifier;
import org.saphan.hub.applications.StatusRecorder;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.identity.AgencyRoles;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.StartupRefusedException;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.saphan.hub.security.Signing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The hosted back office (model 4), SLA clocks of models 3 and 4, and digital licences. */
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
      JdbcClient jdbc,
      ApplicationStore applications,
      Catalog catalog,
      TransactionTemplate transactions) {
    return new WorkEvents(jdbc, applications, catalog, transactions);
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
      FormValidator forms,
      Catalog catalog,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock) {
    return new CaseEngine(
        store,
        engine,
        workflows,
        calendar,
        applications,
        statuses,
        events,
        audit,
        forms,
        catalog,
        transactions,
        meters,
        clock);
  }

  @Bean
  CaseViews caseViews(
      CaseStore store,
      CaseEngine engine,
      Workflows workflows,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      ConsentGate gate,
      Catalog catalog,
      BackOfficeAudit audit,
      Notifications notifications,
      Clock clock) {
    return new CaseViews(
        store,
        engine,
        workflows,
        calendar,
        applications,
        gate,
        catalog,
        audit,
        notifications,
        clock);
  }

  @Bean
  Licences licences(
      JdbcClient jdbc,
      Signing signing,
      ApplicationStore applications,
      StatusRecorder statuses,
      PortalNotifier portal,
      Workflows workflows,
      Catalog catalog,
      BackOfficeAudit audit,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock,
      BackOfficeProperties properties) {
    Licences.CredentialSigner signer =
        new Licences.CredentialSigner() {
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
    return new Licences(
        jdbc,
        signer,
        applications,
        statuses,
        portal,
        workflows,
        catalog,
        audit,
        transactions,
        meters,
        clock,
        () ->
            stripSlash(
                properties.getPublicBaseUrl() != null
                    ? properties.getPublicBaseUrl()
                    : signing.issuer()));
  }

  @Bean
  SlaMonitor slaMonitor(
      JdbcClient jdbc,
      WorkingDayCalendar calendar,
      Catalog catalog,
      WorkEvents events,
      Notifications notifications,
      BackOfficeAudit audit,
      TransactionTemplate transactions,
      MeterRegistry meters) {
    return new SlaMonitor(
        jdbc, calendar, catalog, events, notifications, audit, transactions, meters);
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
  ScheduledWork backOfficePaymentSyncWork(CaseEngine cases) {
    return ScheduledWork.locked(RecurringJob.BACKOFFICE_PAYMENT_SYNC, cases::syncPayments);
  }

  @Bean
  ScheduledWork backOfficeSweepWork(
      WorkEvents events, BackOfficeProperties properties, Clock clock) {
    return ScheduledWork.locked(
        RecurringJob.BACKOFFICE_SWEEP,
        () -> events.sweep(clock.instant(), properties.getSweepAfter()));
  }

  @Bean
  ScheduledWork licenceExpiryWork(Licences licences, Clock clock) {
    return ScheduledWork.locked(
        RecurringJob.LICENCE_EXPIRY, () -> licences.notifyExpiring(clock.instant()));
  }

  @Bean
  ScheduledWork licenceRenewalWork(Licences licences, Clock clock) {
    return ScheduledWork.locked(
        RecurringJob.LICENCE_RENEWAL, () -> licences.renewCredentials(clock.instant()));
  }
}
