package org.saphan.hub.batch.layout;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A quick, JMH-free check of the settlement reader's speed and memory, run by hand (not a test):
 * writes a 1,000,000-line file (header, 999,998 details cycled from the golden file, trailer with
 * matching totals) and times streaming it, a few runs. The machine may be shared, so it prints the
 * reading thread's CPU time beside the wall time; -Xmx64m (far below the 258 MB file) shows that
 * memory does not grow with the file.
 *
 * <pre>
 * cd hub && mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx64m -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     org.saphan.hub.batch.layout.SettlementReaderSpeedCheck [runs]
 * </pre>
 */
public final class SettlementReaderSpeedCheck {

  private static final int DETAILS = 999_998;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SettlementReaderSpeedCheck() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    FixedWidthLayout layout = Layouts.settlement();
    Path file = Files.createTempFile("settlement-speed", ".txt");
    try {
      write(file);
      System.out.printf(Locale.ROOT, "file: %,d lines, %,d bytes%n", DETAILS + 2, Files.size(file));
      for (int run = 1; run <= runs; run++) {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long good = 0;
        long bad = 0;
        try (SettlementFileReader reader = SettlementFileReader.open(file, layout)) {
          while (reader.hasNext()) {
            if (reader.next() instanceof BadLine) {
              bad++;
            } else {
              good++;
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
            Locale.ROOT,
            "run %d: %.2f s wall, %.2f s CPU of the reading thread, %,.0f lines/s wall,"
                + " good=%,d bad=%d, heap used %d MiB of max %d MiB%n",
            run,
            seconds,
            cpuSeconds,
            (good + bad) / seconds,
            good,
            bad,
            (rt.totalMemory() - rt.freeMemory()) >> 20,
            rt.maxMemory() >> 20);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void write(Path file) throws IOException {
    byte[] golden = Files.readAllBytes(Layouts.settlementFile("golden-2026-11-24.txt"));
    List<byte[]> lines =
        java.util.stream.IntStream.range(0, golden.length / 258)
            .mapToObj(i -> Arrays.copyOfRange(golden, i * 258, i * 258 + 256))
            .toList();
    byte[] crlf = {'\r', '\n'};
    long totalSatang = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(lines.get(0));
      out.write(crlf);
      for (int i = 0; i < DETAILS; i++) {
        byte[] detail = lines.get(1 + i % 10).clone();
        byte[] seq = String.format(Locale.ROOT, "%06d", (i + 2) % 1_000_000).getBytes();
        System.arraycopy(seq, 0, detail, 1, 6);
        totalSatang += Long.parseLong(new String(detail, 163, 13, StandardCharsets.US_ASCII));
        out.write(detail);
        out.write(crlf);
      }
      byte[] trailer = lines.get(11).clone();
      String totals = String.format(Locale.ROOT, "%013d%06d", totalSatang, DETAILS);
      System.arraycopy(totals.getBytes(), 0, trailer, 39, 19);
      out.write(trailer);
      out.write(crlf);
    }
  }
}
