package org.saphan.hub.batch.results;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.layout.FieldDefinition;
import org.saphan.catalog.layout.FieldType;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.batch.export.BatchAgency;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.batch.layout.LayoutRecords;
import org.saphan.hub.batch.layout.ParsedRecord;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.status.AgencyStatusIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import job's second step: applies each accepted result file's detail lines, in order, {@value
 * #CHUNK} lines per transaction. Each line's record ({@code batch_import_line}, keyed by file and
 * line) commits with the status it sets, so after a crash or a re-run a line is never applied
 * twice: the step resumes after the last line recorded. A line is applied through the card's status
 * mapping and the status rules, like a callback ({@link AgencyStatusIntake#batchLine}); a line that
 * does not parse, names an application not exported to this agency, does not map, has an unknown
 * status code or would move the application back is kept as a bad line with its reason.
 */
public class ResultApplier {

  /** Lines per transaction. */
  static final int CHUNK = 200;

  private static final Logger log = LoggerFactory.getLogger(ResultApplier.class);

  private final ImportStore store;
  private final ApplicationStore applications;
  private final AgencyStatusIntake intake;
  private final FaultInjection faults;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Clock clock;

  public ResultApplier(
      ImportStore store,
      ApplicationStore applications,
      AgencyStatusIntake intake,
      FaultInjection faults,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock) {
    this.faults = faults;
    this.store = store;
    this.applications = applications;
    this.intake = intake;
    this.transactions = transactions;
    this.meters = meters;
    this.clock = clock;
  }

  /** Applies every accepted file of the agency not applied yet; returns the lines recorded. */
  public int apply(BatchAgency agency, Path folder) {
    int recorded = 0;
    for (ImportStore.ImportFile file : store.received(agency.connector())) {
      recorded += apply(agency, folder, file);
    }
    return recorded;
  }

  private int apply(BatchAgency agency, Path folder, ImportStore.ImportFile file) {
    byte[] bytes = read(agency, folder, file);
    FixedWidthLayout layout = agency.resultLayout().orElseThrow();
    List<LayoutRecords.Line> lines = LayoutRecords.read(bytes, layout);
    // header and trailer were checked with the file; the details lie between them
    List<LayoutRecords.Line> details = lines.subList(1, lines.size() - 1);
    int done = store.lastLine(file.id());
    int recorded = 0;
    for (int from = 0; from < details.size(); from += CHUNK) {
      List<LayoutRecords.Line> chunk =
          details.subList(from, Math.min(from + CHUNK, details.size()));
      if (chunk.get(chunk.size() - 1).number() <= done) {
        continue;
      }
      recorded +=
          transactions.execute(
              tx -> {
                int n = 0;
                for (LayoutRecords.Line line : chunk) {
                  if (line.number() > done && applyLine(agency, file, line, bytes)) {
                    n++;
                  }
                }
                faults.reached(FaultInjection.Point.BATCH_IMPORT_APPLY, n);
                return n;
              });
    }
    transactions.executeWithoutResult(tx -> store.markApplied(file.id(), clock.instant()));
    ImportStore.ImportFile applied = store.file(file.id()).orElseThrow();
    if (applied.linesBad() > 0) {
      log.warn(
          "Result file {} of {}: {} lines applied, {} unchanged, {} bad (not applied; GET"
              + " /ops/v1/batch/imports/{}/lines?outcome=bad lists them for {})",
          file.fileName(),
          agency.connector(),
          applied.linesApplied(),
          applied.linesUnchanged(),
          applied.linesBad(),
          file.id(),
          agency.card().agencyCode());
    } else {
      log.info(
          "Result file {} of {}: {} lines applied, {} unchanged",
          file.fileName(),
          agency.connector(),
          applied.linesApplied(),
          applied.linesUnchanged());
    }
    return recorded;
  }

  /** The stored file, unchanged since it was checked. */
  private static byte[] read(BatchAgency agency, Path folder, ImportStore.ImportFile file) {
    try {
      byte[] bytes = Files.readAllBytes(folder.resolve(file.fileName()));
      if (!Digests.sha256(bytes).equals(file.sha256())) {
        throw SaphanException.system(
            ErrorCode.BATCH_IMPORT_FAILED,
            "stored result file "
                + file.fileName()
                + " of "
                + agency.connector()
                + " no longer has the SHA-256 it was accepted with",
            null);
      }
      return bytes;
    } catch (IOException e) {
      throw SaphanException.wrap(
          ErrorCode.BATCH_IMPORT_FAILED,
          "stored result file " + file.fileName() + " of " + agency.connector() + " unreadable",
          e);
    }
  }

  /** Applies one line in the caller's transaction; false when it was recorded before. */
  private boolean applyLine(
      BatchAgency agency, ImportStore.ImportFile file, LayoutRecords.Line line, byte[] bytes) {
    if (store.hasLine(file.id(), line.number())) {
      return false;
    }
    ImportStore.ImportLine outcome = outcome(agency, file, line, bytes);
    store.line(file.id(), outcome);
    meters
        .counter(
            "saphan.batch.import.lines",
            "connector",
            agency.connector(),
            "outcome",
            outcome.outcome())
        .increment();
    return true;
  }

  private ImportStore.ImportLine outcome(
      BatchAgency agency, ImportStore.ImportFile file, LayoutRecords.Line line, byte[] bytes) {
    if (!line.good()) {
      return bad(line, null, line.problem());
    }
    ParsedRecord record = line.record();
    if (record.layout().role() != RecordRole.DETAIL) {
      return bad(line, null, "a " + record.layout().role().name().toLowerCase() + " record here");
    }
    ObjectNode fields = fields(record);
    String applicationId = fields.path("applicationId").asText("");
    Application application = applications.find(applicationId).orElse(null);
    if (application == null
        || !application.connector().equals(agency.connector())
        || store.exportSequenceOf(agency.connector(), applicationId).isEmpty()) {
      return bad(
          line,
          null,
          "application '"
              + applicationId
              + "' was not exported to "
              + agency.card().agencyCode()
              + " by "
              + agency.connector());
    }
    try {
      AgencyStatusIntake.Outcome applied =
          intake.batchLine(
              application,
              agency.card(),
              fields,
              "batch:" + file.id() + ":" + line.number(),
              lineBytes(bytes, line),
              "cms:" + file.signatureSha256(),
              file.signatureKid());
      String code = fields.path("agencyStatusCode").asText(null);
      return switch (applied.result()) {
        case RECORDED ->
            new ImportStore.ImportLine(
                line.number(), applicationId, "applied", code, applied.status().wire());
        case REFUSED ->
            bad(
                line,
                applicationId,
                "'"
                    + applied.status().wire()
                    + "' may not follow the application's current status: a status moves"
                    + " forward (kept as evidence)");
        default ->
            new ImportStore.ImportLine(
                line.number(), applicationId, "unchanged", code, applied.status().wire());
      };
    } catch (SaphanException e) {
      return bad(line, applicationId, e.getMessage());
    }
  }

  private static ImportStore.ImportLine bad(
      LayoutRecords.Line line, String applicationId, String reason) {
    return new ImportStore.ImportLine(
        line.number(),
        applicationId,
        "bad",
        null,
        ErrorCode.BATCH_RESULT_LINE_INVALID.code() + ": " + reason);
  }

  /** A detail's fields by name, as the status mapping reads them: dates and times ISO. */
  static ObjectNode fields(ParsedRecord record) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    List<FieldDefinition> definitions = record.layout().fields();
    for (int i = 0; i < definitions.size(); i++) {
      FieldDefinition field = definitions.get(i);
      if (field.type() == FieldType.SPARE || field.name().equals("recordType")) {
        continue;
      }
      Object value = record.value(i);
      if (value == null) {
        fields.putNull(field.name());
      } else if (value instanceof Long number) {
        fields.put(field.name(), number);
      } else if (value instanceof BigDecimal amount) {
        fields.put(field.name(), amount);
      } else if (value instanceof LocalDate || value instanceof LocalTime) {
        fields.put(field.name(), value.toString().length() == 5 ? value + ":00" : value.toString());
      } else {
        fields.put(field.name(), value.toString());
      }
    }
    return fields;
  }

  /** The exact bytes of a line, for the message log. */
  private static byte[] lineBytes(byte[] bytes, LayoutRecords.Line line) {
    return java.util.Arrays.copyOfRange(bytes, line.offset(), line.offset() + line.length());
  }
}
