package org.saphan.hub.batch.reconciliation;

import java.nio.file.Path;
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
 * decoded in Java, constant memory) and yields its good detail lines. A bad line or a file problem
 * is thrown as a {@link BadSettlementLineException}, which the step skips and records. The header
 * and trailer are recorded on the run as they go by.
 *
 * <p>It keeps no restart state on purpose: a restarted load deletes what its run staged and reads
 * the file again from line 1, so nothing is counted twice.
 */
public class SettlementLineReader implements ItemStreamReader<SettlementDetail> {

  private final Path file;
  private final FixedWidthLayout layout;
  private final long runId;
  private final ReconciliationRuns runs;
  private SettlementFileReader reader;

  public SettlementLineReader(
      Path file, FixedWidthLayout layout, long runId, ReconciliationRuns runs) {
    this.file = file;
    this.layout = layout;
    this.runId = runId;
    this.runs = runs;
  }

  @Override
  public void open(ExecutionContext executionContext) {
    reader = SettlementFileReader.open(file, layout);
  }

  @Override
  public SettlementDetail read() {
    while (reader.hasNext()) {
      SettlementLine line = reader.next();
      if (line instanceof SettlementDetail detail) {
        return detail;
      }
      if (line instanceof BadLine bad) {
        throw new BadSettlementLineException(bad);
      }
      if (line instanceof SettlementHeader header) {
        runs.recordHeader(runId, header);
      } else if (line instanceof SettlementTrailer trailer) {
        runs.recordTrailer(runId, trailer);
      }
    }
    runs.recordLinesRead(runId, reader.linesRead());
    return null;
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
