package org.saphan.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.saphan.bench.model3.Model3Bench;

/**
 * {@code ./saphan bench <name>}: runs a benchmark on this machine and prints a table to quote.
 *
 * <p>Exit codes: 0 done, 2 usage error.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: saphan bench signing [--quick] | model3 [--rate N] [--seconds S] [--quick]"
              + " | reconcile [--lines N]");
      System.exit(2);
    }
    boolean quick = java.util.Arrays.asList(args).contains("--quick");
    switch (args[0]) {
      case "signing" -> signing(quick);
      case "model3" ->
          System.exit(
              Model3Bench.run(
                  java.util.Arrays.asList(args).subList(1, args.length),
                  java.nio.file.Path.of(System.getProperty("saphan.home", "."))));
      case "reconcile" -> ReconcileBenchmark.run(lines(args));
      default -> {
        System.err.println("saphan bench: unknown benchmark '" + args[0] + "'");
        System.exit(2);
      }
    }
  }

  /** {@code --lines N} (default 1,000,000; underscores and commas allowed). */
  static int lines(String[] args) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--lines")) {
        try {
          int n = Integer.parseInt(args[i + 1].replace("_", "").replace(",", ""));
          if (n < 1) {
            throw new NumberFormatException();
          }
          return n;
        } catch (NumberFormatException e) {
          System.err.println("saphan bench reconcile: --lines takes a positive number");
          System.exit(2);
        }
      }
    }
    return 1_000_000;
  }

  private static void signing(boolean quick) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(SigningBenchmark.class.getSimpleName())
            .include(ProviderBenchmark.class.getSimpleName())
            .forks(1)
            .threads(1)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(TimeValue.seconds(quick ? 1 : 2))
            .measurementIterations(quick ? 2 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 3))
            .jvmArgsAppend("-Xmx1g");
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, double[]> table = new TreeMap<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      String name = method.substring(method.lastIndexOf('.') + 1);
      String param =
          result.getParams().getParam("policy") != null
              ? result.getParams().getParam("policy")
              : "raw " + result.getParams().getParam("provider");
      double[] row = table.computeIfAbsent(param, k -> new double[4]);
      int at = name.equals("sign") ? 0 : 2;
      row[at] = result.getPrimaryResult().getScore();
      row[at + 1] = result.getPrimaryResult().getScoreError();
    }
    System.out.println();
    System.out.printf(
        "Saphan signing benchmark: 1 thread, JDK %s, %d cores%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-22s %14s %14s%n", "policy / algorithm", "sign/s", "verify/s");
    table.forEach(
        (name, row) ->
            System.out.printf(
                Locale.ROOT,
                "%-22s %8.0f ±%4.0f %8.0f ±%4.0f%n",
                name,
                row[0],
                row[1],
                row[2],
                row[3]));
  }
}
