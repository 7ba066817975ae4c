package org.saphan.hub.batch.reconciliation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.batch.JobRuns;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.ClusterLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Launches reconciliation runs, once per cluster ({@link ClusterLock} job {@code reconciliation}):
 * takes a settlement file into the inbox under its SHA-256, refuses a file whose run completed
 * ({@code reconciliation_already_done}), restarts one that failed, and recovers a run a crash left
 * STARTED (holding the cluster lock proves nobody runs it: it is marked failed, then restarted).
 */
public class ReconciliationLauncher {

  /** The cluster lock's job name. */
  public static final String LOCK = "reconciliation";

  private static final Logger log = LoggerFactory.getLogger(ReconciliationLauncher.class);

  /**
   * One run's outcome.
   *
   * @param runId the run (job instance) id
   * @param status completed or failed
   * @param restarted whether this launch restarted an earlier attempt
   * @param failure why it failed, or null
   */
  public record Launched(
      long runId, String fileName, String status, boolean restarted, String failure) {}

  private final JobLauncher jobLauncher;
  private final JobExplorer jobExplorer;
  private final JobRepository jobRepository;
  private final Job job;
  private final ReconciliationRuns runs;
  private final ClusterLock lock;
  private final ReconciliationPaths paths;
  private final Clock clock;

  public ReconciliationLauncher(
      JobLauncher jobLauncher,
      JobExplorer jobExplorer,
      JobRepository jobRepository,
      Job job,
      ReconciliationRuns runs,
      ClusterLock lock,
      ReconciliationPaths paths,
      Clock clock) {
    this.jobLauncher = jobLauncher;
    this.jobExplorer = jobExplorer;
    this.jobRepository = jobRepository;
    this.job = job;
    this.runs = runs;
    this.lock = lock;
    this.paths = paths;
    this.clock = clock;
  }

  /**
   * Reconciles one file now (under the cluster lock).
   *
   * @throws SaphanException {@code reconciliation_already_done}, {@code reconciliation_busy}
   */
  public Launched reconcile(Path file, String fileName, String source) {
    Path inboxed = inbox(file);
    return locked(() -> reconcileLocked(inboxed, fileName, source));
  }

  /** Runs work under the cluster lock; {@code reconciliation_busy} when another node holds it. */
  public <T> T locked(java.util.function.Supplier<T> work) {
    ClusterLock.Outcome<T> outcome = lock.callIfFree(LOCK, work);
    if (!outcome.ran()) {
      throw SaphanException.business(
          ErrorCode.RECONCILIATION_BUSY,
          "a reconciliation is running on another node; try again when it ends",
          Map.of());
    }
    return outcome.result().orElse(null);
  }

  /**
   * Reconciles an inboxed file; the caller holds the lock.
   *
   * @throws SaphanException {@code reconciliation_already_done}
   */
  Launched reconcileLocked(Path inboxed, String fileName, String source) {
    String sha256 = inboxed.getFileName().toString().replace(".txt", "");
    JobParameters parameters =
        new JobParametersBuilder()
            .addString(ReconciliationJobConfiguration.FILE_SHA256, sha256, true)
            .addString(ReconciliationJobConfiguration.PATH, inboxed.toString(), false)
            .addString(ReconciliationJobConfiguration.FILE_NAME, fileName, false)
            .addString(ReconciliationJobConfiguration.SOURCE, source, false)
            .toJobParameters();
    JobInstance instance =
        jobRepository.getJobInstance(ReconciliationJobConfiguration.JOB_NAME, parameters);
    boolean restarted = false;
    if (instance != null) {
      JobExecution last = jobExplorer.getLastJobExecution(instance);
      if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
        throw SaphanException.business(
            ErrorCode.RECONCILIATION_ALREADY_DONE,
            "settlement file "
                + fileName
                + " (SHA-256 "
                + sha256
                + ") was reconciled by run "
                + instance.getInstanceId(),
            Map.of("runId", instance.getInstanceId(), "fileSha256", sha256));
      }
      if (last != null && last.getStatus().isRunning()) {
        abandon(jobExplorer.getJobExecution(last.getId()));
      }
      restarted = last != null;
    }
    return launch(parameters, fileName, restarted);
  }

  /**
   * Restarts every run a crash left STARTED (and, with {@code failedToo}, those that failed); the
   * caller holds the lock.
   */
  List<Launched> recoverLocked() {
    List<Launched> recovered = new ArrayList<>();
    for (JobExecution running :
        jobExplorer.findRunningJobExecutions(ReconciliationJobConfiguration.JOB_NAME)) {
      JobExecution execution = jobExplorer.getJobExecution(running.getId());
      abandon(execution);
      String fileName =
          execution.getJobParameters().getString(ReconciliationJobConfiguration.FILE_NAME);
      log.warn(
          "Reconciliation run {} ({}) was left {} by a stopped node: restarting it",
          execution.getJobInstance().getInstanceId(),
          fileName,
          running.getStatus());
      recovered.add(launch(execution.getJobParameters(), fileName, true));
    }
    return recovered;
  }

  /** Restarts every run a crash left STARTED (under the lock). */
  public List<Launched> recoverAbandoned() {
    return locked(this::recoverLocked);
  }

  /**
   * Restarts one run that did not complete (under the lock).
   *
   * @throws SaphanException {@code reconciliation_run_not_found}, {@code
   *     reconciliation_already_done}
   */
  public Launched restart(long runId) {
    return locked(
        () -> {
          JobInstance instance = jobExplorer.getJobInstance(runId);
          if (instance == null
              || !ReconciliationJobConfiguration.JOB_NAME.equals(instance.getJobName())) {
            throw SaphanException.validation(
                ErrorCode.RECONCILIATION_RUN_NOT_FOUND, "no reconciliation run " + runId);
          }
          JobExecution last = jobExplorer.getLastJobExecution(instance);
          if (last.getStatus() == BatchStatus.COMPLETED) {
            throw SaphanException.business(
                ErrorCode.RECONCILIATION_ALREADY_DONE,
                "run " + runId + " completed",
                Map.of("runId", runId));
          }
          if (last.getStatus().isRunning()) {
            abandon(jobExplorer.getJobExecution(last.getId()));
          }
          return launch(
              last.getJobParameters(),
              last.getJobParameters().getString(ReconciliationJobConfiguration.FILE_NAME),
              true);
        });
  }

  private Launched launch(JobParameters parameters, String fileName, boolean restarted) {
    JobExecution execution;
    try {
      execution = jobLauncher.run(job, parameters);
    } catch (org.springframework.batch.core.JobExecutionException e) {
      throw SaphanException.system(
          ErrorCode.RECONCILIATION_FAILED,
          "reconciliation of " + fileName + " could not start: " + e.getMessage(),
          e);
    }
    long runId = execution.getJobInstance().getInstanceId();
    if (execution.getStatus() == BatchStatus.COMPLETED) {
      log.info("Reconciliation run {} ({}) completed", runId, fileName);
      return new Launched(runId, fileName, "completed", restarted, null);
    }
    runs.fail(runId);
    String failure =
        execution.getAllFailureExceptions().stream()
            .map(Throwable::getMessage)
            .findFirst()
            .orElse(execution.getExitStatus().getExitDescription());
    log.error("Reconciliation run {} ({}) failed: {}", runId, fileName, failure);
    return new Launched(runId, fileName, "failed", restarted, failure);
  }

  private void abandon(JobExecution execution) {
    JobRuns.abandon(jobRepository, execution, clock);
  }

  /** Copies a file into the inbox as {@code <sha256>.txt} (hashing as it copies). */
  public Path inbox(Path file) {
    try {
      Files.createDirectories(paths.inbox());
      Path tmp = paths.inbox().resolve("incoming-" + UUID.randomUUID());
      MessageDigest digest = Digests.newSha256();
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
        in.transferTo(out);
      }
      Path target = paths.inbox().resolve(HexFormat.of().formatHex(digest.digest()) + ".txt");
      if (Files.exists(target)) {
        Files.delete(tmp);
      } else {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take " + file.getFileName() + " into the inbox", e);
    }
  }
}
