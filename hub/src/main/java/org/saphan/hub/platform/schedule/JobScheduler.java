package org.saphan.hub.platform.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.saphan.catalog.JobSchedule;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.platform.schedule.ScheduledRuns.Run;
import org.saphan.hub.platform.schedule.ScheduledWork.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The one scheduler of recurring work: fires every {@link ScheduledWork} bean, and every
 * connector's route of a per-connector job, on its schedule of the {@link ScheduleRegistry}
 * (Spring's {@code TaskScheduler}: a cron trigger or a fixed delay). Each job has a thread of its
 * own when it needs one, so a slow probe never delays the outbox relay. The last run of each job is
 * kept in memory on this node (no row per run: the outbox relay fires every 50 ms); jobs run under
 * the cluster lock are also recorded in {@code scheduled_run}, which the overview reads.
 */
public class JobScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

  private final ScheduleRegistry registry;
  private final ObjectProvider<ScheduledWork> works;
  private final ClusterLock lock;
  private final ScheduledRuns runs;
  private final Clock clock;
  private final String node;
  private final ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private boolean running;

  /** One scheduled thing: a job, or one connector's route of a per-connector job. */
  private final class Task {
    final RecurringJob job;
    final String lockName;
    final String connector;
    final Guard guard;
    final Duration every;
    final Runnable work;
    volatile Run last;
    volatile ScheduledFuture<?> future;

    Task(
        RecurringJob job,
        String lockName,
        String connector,
        Guard guard,
        Duration every,
        Runnable work) {
      this.job = job;
      this.lockName = lockName;
      this.connector = connector;
      this.guard = guard;
      this.every = every;
      this.work = work;
    }

    void run() {
      Instant started = clock.instant();
      String outcome = "failed";
      try {
        if (guard == Guard.LOCK) {
          lock.runIfFree(lockName, work);
        } else {
          work.run();
        }
        outcome = "succeeded";
      } catch (RuntimeException e) {
        log.error("Recurring job {} failed: {}", lockName, SafeErrors.describe(e));
      } finally {
        last = new Run(started, clock.instant(), outcome, node);
      }
    }
  }

  public JobScheduler(
      ScheduleRegistry registry,
      ObjectProvider<ScheduledWork> works,
      ClusterLock lock,
      ScheduledRuns runs,
      Clock clock,
      String node) {
    this.registry = registry;
    this.works = works;
    this.lock = lock;
    this.runs = runs;
    this.clock = clock;
    this.node = node;
    threads.setThreadNamePrefix("saphan-job-");
    threads.setRemoveOnCancelPolicy(true);
    threads.initialize();
  }

  /** Schedules the route {@code routeId} of {@code connector}, which runs {@code job}'s steps. */
  public synchronized void scheduleRoute(
      RecurringJob job, String connector, String routeId, Duration every, Runnable fire) {
    if (!job.perConnector()) {
      throw new IllegalArgumentException(job.jobName() + " is not run once per connector");
    }
    add(new Task(job, routeId, connector, Guard.OWN_LOCK, every, fire));
  }

  /** Runs {@code work} once, after {@code delay}, on the scheduler's threads. */
  public void once(Duration delay, Runnable work) {
    threads.schedule(work, threads.getClock().instant().plus(delay));
  }

  @Override
  public synchronized void start() {
    for (ScheduledWork work : works.orderedStream().toList()) {
      JobSchedule schedule = registry.schedule(work.job());
      Duration every = schedule.cron() == null ? schedule.fixedDelay() : null;
      Task task =
          new Task(work.job(), work.job().jobName(), null, work.guard(), every, work.work());
      if (tasks.putIfAbsent(task.lockName, task) != null) {
        throw new IllegalStateException("two beans do the work of " + task.lockName);
      }
    }
    for (RecurringJob job : RecurringJob.values()) {
      if (!job.perConnector() && !tasks.containsKey(job.jobName())) {
        log.warn("Recurring job {} has no work on this node: it does not run here", job.jobName());
      }
    }
    running = true;
    tasks.values().forEach(this::schedule);
    log.info("Scheduled {} recurring jobs from the registry", tasks.size());
  }

  private void add(Task task) {
    tasks.put(task.lockName, task);
    if (running) {
      schedule(task);
    }
  }

  private void schedule(Task task) {
    threads.setPoolSize(Math.max(1, tasks.size()));
    JobSchedule schedule = registry.schedule(task.job);
    if (task.every == null) {
      task.future = threads.schedule(task::run, new CronTrigger(schedule.cron(), schedule.zone()));
    } else {
      Instant first = threads.getClock().instant().plus(schedule.firstDelay());
      task.future = threads.scheduleWithFixedDelay(task::run, first, task.every);
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    for (Task task : tasks.values()) {
      if (task.future != null) {
        task.future.cancel(false);
        task.future = null;
      }
    }
    threads.shutdown();
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  /** One connector's share of a job, or the job itself: its cadence, last and next run. */
  public record TaskView(
      String lockName, String connector, Duration every, Run lastRun, Instant nextRun) {}

  /**
   * A job as operators see it.
   *
   * @param recorded whether its last run comes from {@code scheduled_run} (any node) rather than
   *     this node's memory
   * @param tasks the job (one), or its connectors' routes; none when this node runs no work for it
   */
  public record JobView(JobSchedule schedule, boolean recorded, List<TaskView> tasks) {

    /** The latest last run of the job's tasks. */
    public Run lastRun() {
      return tasks.stream()
          .map(TaskView::lastRun)
          .filter(run -> run != null)
          .max(Comparator.comparing(Run::startedAt))
          .orElse(null);
    }

    /** The soonest next run of the job's tasks on this node. */
    public Instant nextRun() {
      return tasks.stream()
          .map(TaskView::nextRun)
          .filter(next -> next != null)
          .min(Comparator.naturalOrder())
          .orElse(null);
    }
  }

  /** Every job of the registry, with its last and next run. */
  public List<JobView> overview() {
    List<Task> recorded = tasks.values().stream().filter(task -> task.guard.recorded()).toList();
    Map<String, Run> lastRecorded = runs.latest(recorded.stream().map(t -> t.lockName).toList());
    Instant now = clock.instant();
    List<JobView> jobs = new ArrayList<>();
    for (JobSchedule schedule : registry.all()) {
      List<TaskView> views = new ArrayList<>();
      boolean fromDatabase = false;
      for (Task task :
          tasks.values().stream()
              .filter(t -> t.job == schedule.job())
              .sorted(Comparator.comparing(t -> t.lockName))
              .toList()) {
        fromDatabase = task.guard.recorded();
        Run last = fromDatabase ? lastRecorded.get(task.lockName) : task.last;
        ScheduledFuture<?> future = task.future;
        Instant next =
            future == null || future.isDone()
                ? null
                : now.plusMillis(Math.max(0, future.getDelay(TimeUnit.MILLISECONDS)));
        views.add(new TaskView(task.lockName, task.connector, task.every, last, next));
      }
      jobs.add(new JobView(schedule, fromDatabase, views));
    }
    return jobs;
  }
}
