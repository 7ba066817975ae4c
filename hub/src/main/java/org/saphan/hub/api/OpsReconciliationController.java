package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.saphan.hub.batch.reconciliation.ReconciliationLauncher;
import org.saphan.hub.batch.reconciliation.ReconciliationRuns;
import org.saphan.hub.batch.reconciliation.Reconciliations;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the nightly e-Payment reconciliation: runs, their summaries and bad lines, the
 * exception queue (resolved with a note), the report, and starting or restarting a run now.
 */
@RestController
@Tag(
    name = "Operations: reconciliation",
    description =
        "The nightly reconciliation of the banks' settlement files against the payment orders:"
            + " runs with their summaries, bad lines and reports, the exception queue (resolved"
            + " with a note), and starting or restarting a run now. One reconciliation runs at a"
            + " time in the cluster.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsReconciliationController {

  private static final String RUN = "The run's id.";

  private final Reconciliations reconciliations;
  private final ReconciliationLauncher launcher;
  private final ReconciliationRuns runs;

  public OpsReconciliationController(
      Reconciliations reconciliations, ReconciliationLauncher launcher, ReconciliationRuns runs) {
    this.reconciliations = reconciliations;
    this.launcher = launcher;
    this.runs = runs;
  }

  @GetMapping(path = "/ops/v1/reconciliation/runs", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listReconciliationRuns",
      summary = "Reconciliation runs",
      description =
          "Newest first: file, source (sftp, drop), status (running, completed, failed),"
              + " settlement date, line counts, trailer check and attempts.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<Map<String, Object>> list(
      @Parameter(description = "At most this many, 1 to 500.")
          @RequestParam(name = "limit", defaultValue = "50")
          int limit) {
    if (limit < 1 || limit > 500) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 500");
    }
    return runs.list(limit);
  }

  @PostMapping(
      path = "/ops/v1/reconciliation/runs",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "startReconciliation",
      summary = "Reconcile now",
      description =
          "Reconciles a settlement day (first restarting runs a stopped node left behind) or"
              + " one file of the drop folder, and answers when the runs end: `runs` lists"
              + " `{runId, fileName, status, restarted, failure}`. For a day, a file reconciled"
              + " before is listed as `already_done`; a named file reconciled before is"
              + " refused. A file that does not parse gives a failed run, not an error.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = OpsBodies.ReconciliationStart.class)))
  @ApiErrors({
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.SETTLEMENT_FILE_NOT_FOUND,
    ErrorCode.RECONCILIATION_ALREADY_DONE,
    ErrorCode.RECONCILIATION_BUSY,
    ErrorCode.RECONCILIATION_FAILED,
    ErrorCode.UPSTREAM_UNAVAILABLE
  })
  Map<String, Object> start(@RequestBody JsonNode body) {
    String file = body == null ? null : body.path("file").asText(null);
    String date = body == null ? null : body.path("date").asText(null);
    if ((file == null) == (date == null)) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          "give either date (yyyy-MM-dd) or file (a drop-folder name)");
    }
    if (file != null) {
      return Map.of("runs", List.of(reconciliations.dropped(file)));
    }
    try {
      return Map.of("runs", reconciliations.day(LocalDate.parse(date)));
    } catch (DateTimeParseException e) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "date is yyyy-MM-dd");
    }
  }

  @GetMapping(path = "/ops/v1/reconciliation/{run}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getReconciliationRun",
      summary = "A reconciliation run",
      description =
          "Counts, the trailer check, the summary (matched, exceptions by classification,"
              + " amounts) and the bad lines with their line numbers.")
  @ApiErrors({ErrorCode.RECONCILIATION_RUN_NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> one(
      @Parameter(description = RUN, example = "3") @PathVariable("run") long run) {
    return runs.get(run);
  }

  @GetMapping(
      path = "/ops/v1/reconciliation/{run}/exceptions",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listReconciliationExceptions",
      summary = "A run's exceptions",
      description =
          "By line: classification, the order and references, bank and ledger amounts, and"
              + " the payer's name (to contact them about a refund; never logged).")
  @ApiErrors({ErrorCode.RECONCILIATION_RUN_NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  List<Map<String, Object>> exceptions(
      @Parameter(description = RUN, example = "3") @PathVariable("run") long run,
      @Parameter(
              description = "Which exceptions.",
              schema = @Schema(allowableValues = {"open", "resolved", "all"}))
          @RequestParam(name = "state", defaultValue = "open")
          String state) {
    if (!List.of("open", "resolved", "all").contains(state)) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "state is open, resolved or all");
    }
    return runs.exceptions(run, "all".equals(state) ? null : state);
  }

  @PostMapping(
      path = "/ops/v1/reconciliation/{run}/exceptions/{id}/resolve",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "resolveReconciliationException",
      summary = "Resolve a reconciliation exception",
      description =
          "Closes an open exception of the run with the operator's note (recorded with the"
              + " operator and, as the reason, in the audit trail). An exception is resolved"
              + " once.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = OpsBodies.OperatorNote.class)))
  @ApiErrors({
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.RECONCILIATION_EXCEPTION_NOT_FOUND,
    ErrorCode.EXCEPTION_ALREADY_RESOLVED
  })
  Map<String, Object> resolve(
      @Parameter(description = RUN, example = "3") @PathVariable("run") long run,
      @Parameter(description = "The exception's id.", example = "17") @PathVariable("id") long id,
      @RequestBody JsonNode body,
      Caller caller) {
    runs.resolve(run, id, caller.subject(), OpsNotes.note(body));
    return Map.of("runId", run, "id", id, "state", "resolved");
  }

  @PostMapping(
      path = "/ops/v1/reconciliation/{run}/restart",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "restartReconciliationRun",
      summary = "Restart a run",
      description =
          "Restarts a run that failed or that a stopped node left running, from where it"
              + " stopped, and answers when it ends. A completed run is not run again.")
  @ApiErrors({
    ErrorCode.RECONCILIATION_RUN_NOT_FOUND,
    ErrorCode.RECONCILIATION_ALREADY_DONE,
    ErrorCode.RECONCILIATION_BUSY,
    ErrorCode.RECONCILIATION_FAILED,
    ErrorCode.VALIDATION_FAILED
  })
  Map<String, Object> restart(
      @Parameter(description = RUN, example = "3") @PathVariable("run") long run) {
    ReconciliationLauncher.Launched launched = launcher.restart(run);
    return Map.of(
        "runId", launched.runId(),
        "status", launched.status(),
        "restarted", launched.restarted());
  }

  @GetMapping(path = "/ops/v1/reconciliation/{run}/report/{name}")
  @Operation(
      operationId = "getReconciliationReport",
      summary = "A run's report file",
      description =
          "`report.csv` (one line per settlement line with its classification) or"
              + " `summary.json`, once the run has written them.")
  @ApiResponse(
      responseCode = "200",
      description = "The report file.",
      content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
        @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"))
      })
  @ApiErrors({
    ErrorCode.NOT_FOUND,
    ErrorCode.RECONCILIATION_RUN_NOT_FOUND,
    ErrorCode.VALIDATION_FAILED
  })
  ResponseEntity<byte[]> report(
      @Parameter(description = RUN, example = "3") @PathVariable("run") long run,
      @Parameter(
              description = "The file.",
              schema = @Schema(allowableValues = {"report.csv", "summary.json"}))
          @PathVariable("name")
          String name) {
    if (!List.of("report.csv", "summary.json").contains(name)) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "reports are report.csv, summary.json");
    }
    Object dir = runs.get(run).get("reportDir");
    if (dir == null) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "run " + run + " has no report yet");
    }
    try {
      byte[] content = Files.readAllBytes(Path.of(dir.toString()).resolve(name));
      MediaType type =
          name.endsWith(".csv")
              ? new MediaType("text", "csv", StandardCharsets.UTF_8)
              : MediaType.APPLICATION_JSON;
      return ResponseEntity.ok().contentType(type).body(content);
    } catch (IOException e) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "the report file is missing");
    }
  }
}
