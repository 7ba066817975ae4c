package org.saphan.bench.model3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * CPU time of the processes on the box during a window: each named process (a process tree for
 * PostgreSQL, whose backends are children of the postmaster) and the whole machine from {@code
 * /proc/stat}, so the report says who used the cores.
 */
final class CpuMeter {

  /** CPU use over a window, in percent of one core (200 % = both cores of a 2-core box). */
  record Usage(Map<String, Double> byProcess, double machineBusy, double seconds) {}

  private final Map<String, Supplier<Optional<ProcessHandle>>> processes = new LinkedHashMap<>();
  private final Map<String, Boolean> trees = new LinkedHashMap<>();
  private Map<String, Long> startNanos;
  private long[] startMachine;
  private long startWall;

  /** Adds a process; {@code tree} also counts its descendants (PostgreSQL backends). */
  CpuMeter add(String name, Supplier<Optional<ProcessHandle>> process, boolean tree) {
    processes.put(name, process);
    trees.put(name, tree);
    return this;
  }

  void start() {
    startNanos = snapshot();
    startMachine = machine();
    startWall = System.nanoTime();
  }

  Usage stop() {
    Map<String, Long> end = snapshot();
    long[] machineEnd = machine();
    double seconds = (System.nanoTime() - startWall) / 1e9;
    Map<String, Double> usage = new LinkedHashMap<>();
    end.forEach(
        (name, nanos) ->
            usage.put(name, 100.0 * (nanos - startNanos.getOrDefault(name, 0L)) / 1e9 / seconds));
    double busy = Double.NaN;
    if (startMachine != null && machineEnd != null) {
      long total = machineEnd[0] - startMachine[0];
      long idle = machineEnd[1] - startMachine[1];
      busy =
          total == 0
              ? Double.NaN
              : 100.0 * Runtime.getRuntime().availableProcessors() * (total - idle) / total;
    }
    return new Usage(usage, busy, seconds);
  }

  private Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    processes.forEach(
        (name, supplier) ->
            out.put(
                name,
                supplier.get().map(p -> trees.get(name) ? treeNanos(p) : ownNanos(p)).orElse(0L)));
    return out;
  }

  private static long treeNanos(ProcessHandle process) {
    long own = process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    return own + process.descendants().mapToLong(CpuMeter::ownNanos).sum();
  }

  private static long ownNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** {total, idle+iowait} jiffies of all cores, or null off Linux. */
  private static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The 1-minute load average, or NaN off Linux. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
