package org.saphan.hub.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.saphan.hub.platform.FaultInjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The recovery tests' {@link FaultInjection}: armed to throw once at a point, or to halt the JVM
 * there as a kill -9 would. Production code never sees it: a context gets it only when the
 * test-only property {@value #PROPERTY} is set ({@link Initializer}, listed in the test classpath's
 * {@code META-INF/spring.factories}). The shared IT context sets it to {@code none} and its tests
 * arm it through the bean; a forked hub ({@code CrashRecoveryIT}) loads these classes with Spring
 * Boot's {@code PropertiesLauncher} and gets its arms on the command line.
 */
public final class ArmedFaults implements FaultInjection {

  /**
   * What is armed at start-up: {@code none}, or a comma-separated list of {@code
   * fail:<point>:<progress>} ({@link #failOnce}) and {@code halt:<point>:<nth>} ({@link #haltAt}).
   */
  public static final String PROPERTY = "saphan.test.faults";

  /** The exit status of a process killed by SIGKILL, which a halt imitates. */
  public static final int HALTED = 137;

  private static final Logger log = LoggerFactory.getLogger(ArmedFaults.class);

  private record Failure(Point point, long progress) {}

  private final AtomicReference<Failure> failure = new AtomicReference<>();
  private final Map<Point, Long> halts = new ConcurrentHashMap<>();
  private final Map<Point, AtomicLong> reached = new ConcurrentHashMap<>();

  /**
   * Throws {@link InjectedFailure} once: the first time {@code point} is reached with at least
   * {@code progress} (lines staged, ...), as a crash of the step there would end it.
   */
  public void failOnce(Point point, long progress) {
    failure.set(new Failure(point, progress));
  }

  /**
   * Halts the JVM with status {@value #HALTED}, without shutdown hooks, the {@code nth} time {@code
   * point} is reached (counting from the start of the process).
   */
  public void haltAt(Point point, long nth) {
    halts.put(point, nth);
  }

  @Override
  public void reached(Point point, long progress) {
    long times = reached.computeIfAbsent(point, p -> new AtomicLong()).incrementAndGet();
    Long nth = halts.get(point);
    if (nth != null && times >= nth) {
      log.error(
          "{} reached for the {}th time: halting, as a kill -9 would (crash test)", point, times);
      Runtime.getRuntime().halt(HALTED);
    }
    Failure armed = failure.get();
    if (armed != null
        && armed.point() == point
        && progress >= armed.progress()
        && failure.compareAndSet(armed, null)) {
      throw new InjectedFailure(point, progress);
    }
  }

  /** The faults {@code spec} arms (the grammar of {@link #PROPERTY}). */
  static ArmedFaults parse(String spec) {
    ArmedFaults faults = new ArmedFaults();
    for (String arm : spec.split(",")) {
      String trimmed = arm.trim();
      if (trimmed.isEmpty() || trimmed.equals("none")) {
        continue;
      }
      String[] parts = trimmed.split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException(PROPERTY + ": cannot read '" + trimmed + "'");
      }
      Point point = Point.valueOf(parts[1]);
      long count = Long.parseLong(parts[2]);
      switch (parts[0]) {
        case "fail" -> faults.failOnce(point, count);
        case "halt" -> faults.haltAt(point, count);
        default -> throw new IllegalArgumentException(PROPERTY + ": no action '" + parts[0] + "'");
      }
    }
    return faults;
  }

  /** The injected failure. */
  public static final class InjectedFailure extends RuntimeException {
    InjectedFailure(Point point, long progress) {
      super("injected failure at " + point + " (progress " + progress + ")");
    }
  }

  /**
   * Registers the armed faults before the configuration classes are read, so production's {@code
   * FaultInjection.NONE} (conditional on a missing bean) steps aside; without {@value #PROPERTY} it
   * does nothing.
   */
  public static final class Initializer
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      String spec = context.getEnvironment().getProperty(PROPERTY);
      if (spec != null) {
        context.getBeanFactory().registerSingleton("armedFaults", parse(spec));
      }
    }
  }
}
