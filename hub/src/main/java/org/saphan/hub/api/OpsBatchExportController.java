package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.catalog.Catalog;
import org.saphan.hub.batch.BatchJobLauncher;
import org.saphan.hub.batch.export.ExportStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.routes.BatchExportRouteParameters;
import org.saphan.hub.routes.BatchImportRouteParameters;
import org.saphan.hub.routes.RouteTrigger;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of batch agencies' exports (issue 18): the files written and their state, and a
 * card's export run now (the card's route {@code <connector>-batch-export}, as the schedule runs
 * it).
 */
@RestController
@Tag(
    name = "Operations: batch exports",
    description =
        "The files exported to batch agencies (api.transport batch): each with its sequence,"
            + " applications, SHA-256 of what is stored and uploaded, signing key and upload"
            + " state; and a card's export run now.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsBatchExportController {

  private final Catalog catalog;
  private final ExportStore store;
  private final RouteTrigger trigger;

  public OpsBatchExportController(Catalog catalog, ExportStore store, RouteTrigger trigger) {
    this.catalog = catalog;
    this.store = store;
    this.trigger = trigger;
  }

  @GetMapping(path = "/ops/v1/batch/exports", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listBatchExports",
      summary = "Export files of batch agencies",
      description =
          "Newest first, of one connector when `connector` is given: file name, sequence, state"
              + " (`stored`: written and recorded, not yet on the agency's server; `uploaded`),"
              + " application count, sums, the SHA-256 of the plaintext, the uploaded file, its"
              + " signature and manifest, the signing key id, whether it is encrypted, upload"
              + " attempts and the last upload error; for an agency that sends result files,"
              + " `resultState` (`awaiting`, `received`, `late`: after its due time, `overdue`:"
              + " none by its due time) and `resultFileId`.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<ExportStore.ExportFile> list(
      @Parameter(description = "Only this connector's files.", example = "doae-farmer-registration")
          @RequestParam(name = "connector", required = false)
          String connector,
      @Parameter(description = "At most this many, 1 to 500.")
          @RequestParam(name = "limit", defaultValue = "50")
          int limit) {
    requireLimit(limit);
    return store.files(connector, limit).stream()
        .map(
            file ->
                catalog
                        .find(file.connector())
                        .map(BatchImportRouteParameters::hasResults)
                        .orElse(false)
                    ? file
                    : file.withoutResults())
        .toList();
  }

  @PostMapping(
      path = "/ops/v1/connectors/{name}/batch-export",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "runBatchExport",
      summary = "Export a batch agency's applications now",
      description =
          "Runs the card's export as its schedule does (once per cluster): restarts its last run"
              + " if it did not complete (its stored file is uploaded as stored), else writes the"
              + " queued applications as the next file and uploads every stored file. Answers"
              + " `{connector, runId, status, restarted, written, failure}`; `status` is"
              + " `running_elsewhere` when another node holds the card's export.")
  @ApiErrors({ErrorCode.CONNECTOR_NOT_FOUND, ErrorCode.NOT_FOUND})
  Map<String, Object> run(
      @Parameter(description = "The connector card's name.", example = "doae-farmer-registration")
          @PathVariable("name")
          String name) {
    if (catalog.find(name).isEmpty()) {
      throw SaphanException.validation(
          ErrorCode.CONNECTOR_NOT_FOUND, "no connector card named " + name);
    }
    return answer(
        name,
        trigger.runNow(BatchExportRouteParameters.routeId(name), BatchJobLauncher.Launched.class));
  }

  /** A listing's {@code limit}: 1 to 500 ({@code validation_failed} otherwise). */
  static void requireLimit(int limit) {
    if (limit < 1 || limit > 500) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 500");
    }
  }

  /** A run-now answer: the run's outcome, or that another node runs the card's job. */
  static Map<String, Object> answer(String name, BatchJobLauncher.Launched launched) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("connector", name);
    if (launched == null) {
      answer.put("status", "running_elsewhere");
      return answer;
    }
    answer.put("runId", launched.runId());
    answer.put("status", launched.status());
    answer.put("restarted", launched.restarted());
    answer.put("written", launched.written());
    answer.put("failure", launched.failure());
    return answer;
  }
}
