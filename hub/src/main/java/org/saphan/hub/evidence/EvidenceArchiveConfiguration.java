package org.saphan.hub.evidence;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.schedule.ScheduleRegistry;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.saphan.hub.platform.sftp.SftpEndpoint;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.MessageSigner;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily evidence archive, retention and citizens' bundles (docs/evidence.md), and the {@code
 * evidence-archive} job of {@code batch/schedules.yaml}.
 */
@Configuration(proxyBeanMethods = false)
public class EvidenceArchiveConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EvidenceArchiveConfiguration.class);

  @Bean
  EvidenceArchiver evidenceArchiver(
      JdbcClient jdbc,
      PlatformTransactionManager transactions,
      Signing signing,
      EvidenceProperties properties,
      SaphanProperties saphan,
      ScheduleRegistry jobs,
      Clock clock) {
    Path location = properties.getArchive().getLocation();
    if (location == null) {
      location = saphan.getDataDir().resolve("evidence-archive");
    } else if (!location.isAbsolute()) {
      location = saphan.getHome().resolve(location);
    }
    return new EvidenceArchiver(
        jdbc,
        new TransactionTemplate(transactions),
        cms(signing),
        location,
        jobs.schedule(RecurringJob.EVIDENCE_ARCHIVE).zone(),
        clock);
  }

  @Bean
  EvidenceRetention evidenceRetention(
      JdbcClient jdbc,
      PlatformTransactionManager transactions,
      EvidenceProperties properties,
      ObjectProvider<RetainedData> above,
      Clock clock) {
    return new EvidenceRetention(
        jdbc,
        new TransactionTemplate(transactions),
        properties.getRetention(),
        above.orderedStream().toList(),
        properties.getArchive().getSftp().isEnabled(),
        clock);
  }

  @Bean
  EvidenceArchiveUpload evidenceArchiveUpload(
      JdbcClient jdbc,
      EvidenceProperties properties,
      Environment environment,
      MeterRegistry meters,
      Clock clock) {
    return new EvidenceArchiveUpload(
        jdbc,
        new SftpEndpoint(
            "saphan.evidence.archive.sftp", properties.getArchive().getSftp(), environment),
        meters,
        clock);
  }

  @Bean
  EvidenceBundles evidenceBundles(JdbcClient jdbc, Signing signing, Clock clock) {
    return new EvidenceBundles(
        jdbc, cms(signing), () -> signing.keyRing().current(KeyFamily.EC_P256).chain(), clock);
  }

  /**
   * Each night (cron of {@code jobs.evidence-archive}), under the job's cluster lock: yesterday's
   * archive in the job's zone, then the upload of every archive not yet in the SFTP store (when one
   * is configured), then retention, which removes only what is archived (and uploaded).
   */
  @Bean
  ScheduledWork evidenceArchiveWork(
      EvidenceArchiver archiver,
      EvidenceArchiveUpload upload,
      EvidenceRetention retention,
      ScheduleRegistry jobs,
      Clock clock) {
    ZoneId zone = jobs.schedule(RecurringJob.EVIDENCE_ARCHIVE).zone();
    return ScheduledWork.locked(
        RecurringJob.EVIDENCE_ARCHIVE,
        () -> {
          LocalDate day = LocalDate.now(clock.withZone(zone)).minusDays(1);
          try {
            archiver.archive(day);
          } catch (RuntimeException e) {
            log.error("Evidence archive of {} failed: {}", day, SafeErrors.describe(e));
          }
          upload.uploadPending();
          retention.purge();
        });
  }

  private static MessageSigner cms(Signing signing) {
    return signing.signer(SigningPolicy.CMS, null);
  }
}
