package org.saphan.hub.platform.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.RecurringJob;
import org.saphan.catalog.ScheduleRules;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.StartupRefusedException;
import org.saphan.hub.platform.schedule.JobScheduler.JobView;
import org.saphan.hub.platform.schedule.ScheduledRuns.Run;
import org.saphan.hub.support.SampleCatalog;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * The job scheduler fires each job's work on the registry's schedule (a hub property overriding a
 * fixed delay), under the job's cluster lock where the work asks for it, and shows last and next
 * runs. No Spring context, no database: the lock and {@code scheduled_run} are stand-ins.
 */
class JobSchedulerTest {

  private static final Path FILE = ScheduleRules.FILE;
  private static final Duration FAST = Duration.ofMillis(10);

  private final List<String> locked = new CopyOnWriteArrayList<>();
  private final Map<String, Run> recorded = new HashMap<>();
  private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
  private JobScheduler scheduler;

  @TempDir Path dir;

  @AfterEach
  void stop() {
    if (scheduler != null && scheduler.isRunning()) {
      scheduler.stop();
    }
  }

  private JobScheduler scheduler(MockEnvironment environment) {
    ScheduleRegistry registry =
        new ScheduleRegistry(SampleCatalog.HOME.resolve(FILE), FILE, environment);
    scheduler =
        new JobScheduler(
            registry,
            beans.getBeanProvider(ScheduledWork.class),
            new TestLock(locked),
            new TestRuns(recorded),
            Clock.systemUTC(),
            "node-a");
    return scheduler;
  }

  private static MockEnvironment fast(String property) {
    return new MockEnvironment().withProperty(property, FAST.toMillis() + "ms");
  }

  private JobView view(RecurringJob job) {
    return scheduler.overview().stream()
        .filter(view -> view.schedule().job() == job)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldRunNodeWorkAtThePropertysCadenceWhenAPropertyOverridesTheRegistry() {
    // given
    AtomicInteger runs = new AtomicInteger();
    beans.registerSingleton(
        "reload", ScheduledWork.onEveryNode(RecurringJob.KEY_RELOAD, runs::incrementAndGet));
    JobScheduler scheduler = scheduler(fast("saphan.keys.reload-interval"));
    // when
    scheduler.start();
    // then
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
    JobView view = view(RecurringJob.KEY_RELOAD);
    assertThat(view.schedule().fixedDelay()).isEqualTo(FAST);
    assertThat(view.recorded()).isFalse();
    assertThat(view.lastRun().outcome()).isEqualTo("succeeded");
    assertThat(view.lastRun().node()).isEqualTo("node-a");
    assertThat(view.nextRun()).isNotNull();
    assertThat(locked).isEmpty();
  }

  @Test
  void shouldKeepTheRegistrysCadenceWhenNoPropertyIsSet() {
    // when
    JobScheduler scheduler = scheduler(new MockEnvironment());
    // then
    assertThat(view(RecurringJob.OUTBOX_RELAY).schedule().fixedDelay())
        .isEqualTo(Duration.ofMillis(50));
    assertThat(view(RecurringJob.SLA_CHECK).schedule().firstDelay())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(scheduler.overview()).hasSize(RecurringJob.values().length);
  }

  @Test
  void shouldRunLockedWorkUnderTheJobsClusterLockWhenItFires() {
    // given
    AtomicInteger runs = new AtomicInteger();
    beans.registerSingleton(
        "sla", ScheduledWork.locked(RecurringJob.SLA_CHECK, runs::incrementAndGet));
    Run last = new Run(Instant.parse("2026-01-05T01:00:00Z"), null, null, "node-b");
    recorded.put("sla-check", last);
    JobScheduler scheduler = scheduler(fast("saphan.backoffice.sla-check-interval"));
    // when
    scheduler.start();
    // then
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 2);
    assertThat(locked).allMatch("sla-check"::equals);
    JobView view = view(RecurringJob.SLA_CHECK);
    assertThat(view.recorded()).isTrue();
    assertThat(view.lastRun()).isEqualTo(last);
  }

  @Test
  void shouldRecordAFailedRunAndFireAgainWhenTheWorkThrows() {
    // given
    AtomicInteger runs = new AtomicInteger();
    beans.registerSingleton(
        "sync",
        ScheduledWork.onEveryNode(
            RecurringJob.ROUTE_SWITCH_SYNC,
            () -> {
              runs.incrementAndGet();
              throw new IllegalStateException("database gone");
            }));
    JobScheduler scheduler = scheduler(fast("saphan.delivery.switch-sync"));
    // when
    scheduler.start();
    // then
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 2);
    assertThat(view(RecurringJob.ROUTE_SWITCH_SYNC).lastRun().outcome()).isEqualTo("failed");
  }

  @Test
  void shouldScheduleEachConnectorsRouteAtItsCardsCadenceWhenAdded() {
    // given
    JobScheduler scheduler = scheduler(new MockEnvironment());
    scheduler.start();
    Run last = new Run(Instant.parse("2026-01-05T01:00:00Z"), null, null, "node-b");
    recorded.put("x-model1-link-out", last);
    // when
    Instant before = Instant.now();
    scheduler.scheduleRoute(RecurringJob.LINK_PROBE, "x", "x-model1-link-out", FAST, () -> {});
    // then: first after the registry's initial delay (1 s), then at the card's cadence
    JobView view = view(RecurringJob.LINK_PROBE);
    assertThat(view.nextRun()).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
    assertThat(view.tasks()).hasSize(1);
    assertThat(view.tasks().get(0).connector()).isEqualTo("x");
    assertThat(view.tasks().get(0).every()).isEqualTo(FAST);
    assertThat(view.recorded()).isTrue();
    assertThat(view.lastRun()).isEqualTo(last);
    assertThat(locked).as("the route's own policy takes the lock").isEmpty();
  }

  @Test
  void shouldScheduleTheNightlyRunByItsCronWhenStarted() {
    // given
    beans.registerSingleton(
        "nightly", ScheduledWork.locksItself(RecurringJob.RECONCILIATION, () -> {}));
    JobScheduler scheduler = scheduler(new MockEnvironment());
    // when
    scheduler.start();
    // then
    ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Bangkok"));
    ZonedDateTime at = now.with(LocalTime.of(2, 30));
    Instant expected = (at.isAfter(now) ? at : at.plusDays(1)).toInstant();
    Instant next = view(RecurringJob.RECONCILIATION).nextRun();
    assertThat(Duration.between(next, expected).abs()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void shouldRefuseToStartWhenTheRegistryIsWrong() throws Exception {
    // given
    Path file = dir.resolve("schedules.yaml");
    Files.writeString(file, "jobs: {}\n");
    // when / then
    assertThatThrownBy(() -> new ScheduleRegistry(file, FILE, new MockEnvironment()))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageStartingWith(
            "the registry of recurring jobs is wrong:\n  batch/schedules.yaml:1: jobs: no entry"
                + " for leadership-renewal, outbox-relay,");
  }

  @Test
  void shouldRefuseWorkWhenItsGuardContradictsTheJobsScope() {
    assertThatThrownBy(() -> ScheduledWork.onEveryNode(RecurringJob.SLA_CHECK, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sla-check runs cluster-wide, not with guard NONE");
    assertThatThrownBy(() -> ScheduledWork.locked(RecurringJob.LINK_PROBE, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "link-probe runs once per connector: its routes are scheduled by the instantiator");
  }

  /** The cluster lock as ClusterLock runs it, without a database: always free, names noted. */
  private static final class TestLock extends ClusterLock {
    private final List<String> names;

    TestLock(List<String> names) {
      super(null, new NodeIdentity(node(), new MockEnvironment()), new SimpleMeterRegistry());
      this.names = names;
    }

    private static SaphanProperties node() {
      SaphanProperties properties = new SaphanProperties();
      properties.setNodeName("node-a");
      return properties;
    }

    @Override
    public <T> Outcome<T> callIfFree(String jobName, Supplier<T> work) {
      names.add(jobName);
      return new Outcome<>(true, Optional.ofNullable(work.get()));
    }
  }

  /** {@code scheduled_run} as given. */
  private static final class TestRuns extends ScheduledRuns {
    private final Map<String, Run> runs;

    TestRuns(Map<String, Run> runs) {
      super(null);
      this.runs = runs;
    }

    @Override
    public Map<String, Run> latest(Collection<String> lockNames) {
      Map<String, Run> found = new HashMap<>();
      lockNames.forEach(
          name -> Optional.ofNullable(runs.get(name)).ifPresent(r -> found.put(name, r)));
      return found;
    }
  }
}
