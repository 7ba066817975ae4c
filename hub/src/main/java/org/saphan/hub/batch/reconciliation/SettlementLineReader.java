package org.saphan.hub.batch.reconciliation;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.saphan.hub.batch.layout.BadLine;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.batch.layout.SettlementDetail;
import org.saphan.hub.batch.layout.SettlementFileReader;
import org.saphan.hub.batch.layout.SettlementHeader;
import org.saphan.hub.batch.layout.SettlementLine;
import org.saphan.hub.batch.layout.SettlementTrailer;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamReader;

/**
 * The load step's reader: streams a settlement file with {@link SettlementFileReader} (TIS-620
 * decoded in Java, constant memory) and yields its good detail lines in blocks (one item = up to
 * {@code blockSize} consecutive good lines, encoded for COPY by {@link StagingRows}, so Spring
 * Batch's per-item bookkeeping is paid per block, not per line). A bad line or a file problem is
 * thrown, in its place, as a {@link BadSettlementLineException}, which the step skips (counted
 * against the skip limit, one per bad line) and records. The header and trailer are recorded on the
 * run as they go by.
 *
 * <p>Decoding and encoding run ahead on a thread of their own, at most {@link #AHEAD} blocks ahead,
 * while the step's thread COPYs and commits the previous block: the file is parsed while the
 * database stores. Everything that touches the database (the run's header, trailer, bad lines and
 * the blocks) stays on the step's thread, in file order, in the chunk transactions.
 *
 * <p>It keeps no restart state on purpose: a restarted load deletes what its run staged and reads
 * the file again from line 1, so nothing is counted twice.
 */
public class SettlementLineReader implements ItemStreamReader<StagingBlock> {

  /** Blocks decoded ahead of the COPY at most (memory: a few MB). */
  static final int AHEAD = 3;

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(SettlementLineReader.class);

  /** What the decoding thread hands over, in file order. */
  private sealed interface Event {}

  private record Block(StagingBlock block) implements Event {}

  private record Bad(BadLine line) implements Event {}

  private record Header(SettlementHeader header) implements Event {}

  private record Trailer(SettlementTrailer trailer) implements Event {}

  private record End(long linesRead) implements Event {}

  private record Failed(RuntimeException failure) implements Event {}

  private final Path file;
  private final FixedWidthLayout layout;
  private final long runId;
  private final ReconciliationRuns runs;
  private final int blockSize;
  private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(AHEAD + 2);
  private volatile boolean stopped;
  private Thread decoder;
  private boolean done;

  public SettlementLineReader(
      Path file, FixedWidthLayout layout, long runId, ReconciliationRuns runs, int blockSize) {
    this.file = file;
    this.layout = layout;
    this.runId = runId;
    this.runs = runs;
    this.blockSize = blockSize;
  }

  @Override
  public void open(ExecutionContext executionContext) {
    // opened here, so a missing or unreadable file fails the step's open, as before
    SettlementFileReader reader = SettlementFileReader.open(file, layout);
    stopped = false;
    done = false;
    events.clear();
    decoder = new Thread(() -> decode(reader), "reconciliation-load-" + runId);
    decoder.setDaemon(true);
    decoder.start();
  }

  @Override
  public StagingBlock read() {
    while (!done) {
      Event event = take();
      if (event instanceof Block b) {
        return b.block();
      } else if (event instanceof Bad b) {
        throw new BadSettlementLineException(b.line());
      } else if (event instanceof Header h) {
        runs.recordHeader(runId, h.header());
      } else if (event instanceof Trailer t) {
        runs.recordTrailer(runId, t.trailer());
      } else if (event instanceof End e) {
        done = true;
        runs.recordLinesRead(runId, e.linesRead());
      } else if (event instanceof Failed f) {
        done = true;
        throw f.failure();
      }
    }
    return null;
  }

  @Override
  public void close() {
    stopped = true;
    Thread thread = decoder;
    decoder = null;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    events.clear();
  }

  private Event take() {
    try {
      return events.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SaphanException.system(
          ErrorCode.RECONCILIATION_FAILED, "interrupted while loading the settlement file", e);
    }
  }

  /** The decoding thread: the whole file, in order, into {@link #events}. */
  private void decode(SettlementFileReader reader) {
    try (reader) {
      StagingRows rows = new StagingRows(runId);
      while (reader.hasNext()) {
        SettlementLine line = reader.next();
        if (line instanceof SettlementDetail detail) {
          rows.add(detail);
          if (rows.lines() >= blockSize) {
            put(new Block(rows.take()));
          }
        } else if (line instanceof BadLine bad) {
          if (rows.lines() > 0) {
            put(new Block(rows.take()));
          }
          put(new Bad(bad));
        } else if (line instanceof SettlementHeader header) {
          put(new Header(header));
        } else if (line instanceof SettlementTrailer trailer) {
          put(new Trailer(trailer));
        }
      }
      if (rows.lines() > 0) {
        put(new Block(rows.take()));
      }
      put(new End(reader.linesRead()));
    } catch (Stopped e) {
      // the step is over (closed early, e.g. it failed): nothing more to hand over
    } catch (RuntimeException e) {
      offerFailure(e);
    } catch (Error e) {
      log.error(
          "Run {}: the settlement file's decoding thread died: {}", runId, SafeErrors.describe(e));
      offerFailure(
          SaphanException.system(
              ErrorCode.RECONCILIATION_FAILED, "decoding the settlement file failed", e));
    }
  }

  private void put(Event event) {
    try {
      while (!events.offer(event, 200, TimeUnit.MILLISECONDS)) {
        if (stopped) {
          throw new Stopped();
        }
      }
    } catch (InterruptedException e) {
      throw new Stopped();
    }
  }

  private void offerFailure(RuntimeException failure) {
    try {
      put(new Failed(failure));
    } catch (Stopped e) {
      // nobody is reading any more
    }
  }

  /** The step closed the reader while the file was still being decoded. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
