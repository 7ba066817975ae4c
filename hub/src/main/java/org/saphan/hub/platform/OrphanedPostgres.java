package org.saphan.hub.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox hub killed hard (kill -9, power loss) leaves its in-process PostgreSQL running on the
 * data directory. The next start stops that orphan cleanly (SIGTERM: PostgreSQL's smart shutdown,
 * which checkpoints) instead of failing on the lock file or corrupting the cluster.
 */
final class OrphanedPostgres {

  private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);

  private OrphanedPostgres() {}

  static void stopIfRunning(Path dataDirectory, Duration timeout) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    Optional<ProcessHandle> postmaster = postmaster(pidFile);
    if (postmaster.isEmpty()) {
      return; // a stale file: PostgreSQL itself handles that
    }
    ProcessHandle process = postmaster.get();
    log.warn(
        "PostgreSQL (pid {}) from an earlier sandbox run still holds {}; stopping it first",
        process.pid(),
        dataDirectory);
    CompletableFuture<ProcessHandle> exited = process.onExit();
    process.destroy();
    try {
      exited.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new StartupRefusedException(
          "PostgreSQL (pid "
              + process.pid()
              + ") from an earlier run did not stop within "
              + timeout.toSeconds()
              + " s",
          "Stop it by hand (kill " + process.pid() + ") and start again.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupRefusedException("Interrupted while stopping an orphaned PostgreSQL", "");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<ProcessHandle> postmaster(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
