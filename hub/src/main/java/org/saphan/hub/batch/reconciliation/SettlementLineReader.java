package org.saphan.hub.batch.reconciliation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.saphan.hub.batch.layout.BadLine;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.batch.layout.SettlementDetail;
import org.saphan.hub.batch.layout.SettlementFileReader;
import org.saphan.hub.batch.layout.SettlementHeader;
import org.saphan.hub.batch.layout.SettlementLine;
import org.saphan.hub.batch.layout.SettlementTrailer;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamReader;

/**
 * The load step's reader: streams a settlement file with {@link SettlementFileReader} (TIS-620
 * decoded in Java, constant memory) and yields its good detail lines in blocks (one item = up to
 * {@code blockSize} consecutive good lines, so Spring Batch's per-item bookkeeping is paid per
 * block, not per line). A bad line or a file problem is thrown, in its place, as a {@link
 * BadSettlementLineException}, which the step skips (counted against the skip limit, one per bad
 * line) and records. The header and trailer are recorded on the run as they go by.
 *
 * <p>It keeps no restart state on purpose: a restarted load deletes what its run staged and reads
 * the file again from line 1, so nothing is counted twice.
 */
public class SettlementLineReader implements ItemStreamReader<List<SettlementDetail>> {

  private final Path file;
  private final FixedWidthLayout layout;
  private final long runId;
  private final ReconciliationRuns runs;
  private final int blockSize;
  private SettlementFileReader reader;
  private BadLine pendingBad;
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
    reader = SettlementFileReader.open(file, layout);
  }

  @Override
  public List<SettlementDetail> read() {
    if (pendingBad != null) {
      BadLine bad = pendingBad;
      pendingBad = null;
      throw new BadSettlementLineException(bad);
    }
    if (done) {
      return null;
    }
    List<SettlementDetail> block = new ArrayList<>(blockSize);
    while (block.size() < blockSize && reader.hasNext()) {
      SettlementLine line = reader.next();
      if (line instanceof SettlementDetail detail) {
        block.add(detail);
      } else if (line instanceof BadLine bad) {
        if (block.isEmpty()) {
          throw new BadSettlementLineException(bad);
        }
        pendingBad = bad;
        return block;
      } else if (line instanceof SettlementHeader header) {
        runs.recordHeader(runId, header);
      } else if (line instanceof SettlementTrailer trailer) {
        runs.recordTrailer(runId, trailer);
      }
    }
    if (!reader.hasNext()) {
      done = true;
      runs.recordLinesRead(runId, reader.linesRead());
    }
    return block.isEmpty() ? null : block;
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
