package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
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
public class OpsReconciliationController {

  private final Reconciliations reconciliations;
  private final ReconciliationLauncher launcher;
  private final ReconciliationRuns runs;

  public OpsReconciliationController(
      Reconciliations reconciliations, ReconciliationLauncher launcher, ReconciliationRuns runs) {
    this.reconciliations = reconciliations;
    this.launcher = launcher;
    this.runs = runs;
  }

  /** Runs, newest first. */
  @GetMapping(path = "/ops/v1/reconciliation/runs", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> list(@RequestParam(name = "limit", defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 500");
    }
    return runs.list(limit);
  }

  /**
   * Starts runs now: {@code {"date": "2026-11-24"}} reconciles that settlement day (SFTP and drop
   * folder), {@code {"file": "name.txt"}} one file of the drop folder. Answers when they end.
   */
  @PostMapping(
      path = "/ops/v1/reconciliation/runs",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
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

  /** One run: counts, trailer check, summary, bad lines with their numbers. */
  @GetMapping(path = "/ops/v1/reconciliation/{run}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> one(@PathVariable("run") long run) {
    return runs.get(run);
  }

  /** A run's exceptions; {@code state} open (default), resolved or all. */
  @GetMapping(
      path = "/ops/v1/reconciliation/{run}/exceptions",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> exceptions(
      @PathVariable("run") long run,
      @RequestParam(name = "state", defaultValue = "open") String state) {
    if (!List.of("open", "resolved", "all").contains(state)) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "state is open, resolved or all");
    }
    return runs.exceptions(run, "all".equals(state) ? null : state);
  }

  /** Resolves one exception with the operator's note. */
  @PostMapping(
      path = "/ops/v1/reconciliation/{run}/exceptions/{id}/resolve",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> resolve(
      @PathVariable("run") long run,
      @PathVariable("id") long id,
      @RequestBody JsonNode body,
      Caller caller) {
    runs.resolve(run, id, caller.subject(), OpsNotes.note(body));
    return Map.of("runId", run, "id", id, "state", "resolved");
  }

  /** Restarts a run that failed or that a crash left running. */
  @PostMapping(
      path = "/ops/v1/reconciliation/{run}/restart",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> restart(@PathVariable("run") long run) {
    ReconciliationLauncher.Launched launched = launcher.restart(run);
    return Map.of(
        "runId", launched.runId(),
        "status", launched.status(),
        "restarted", launched.restarted());
  }

  /** The run's report: {@code report.csv} or {@code summary.json}. */
  @GetMapping(path = "/ops/v1/reconciliation/{run}/report/{name}")
  ResponseEntity<byte[]> report(@PathVariable("run") long run, @PathVariable("name") String name) {
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
