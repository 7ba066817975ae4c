package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saphan.catalog.Catalog;
import org.saphan.hub.batch.BatchJobLauncher;
import org.saphan.hub.batch.results.ImportStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.routes.BatchImportRouteParameters;
import org.saphan.hub.routes.RouteTrigger;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of batch agencies' result files (issue 18): each file found, accepted (with its
 * lines' outcomes) or refused whole with the reason; a file's lines, e.g. the bad ones to send back
 * to the agency; and a card's import run now (the card's route {@code <connector>-batch-import}, as
 * the schedule runs it).
 */
@RestController
@Tag(
    name = "Operations: batch result files",
    description =
        "The result files batch agencies send back (api.batch.results): accepted or refused whole"
            + " with the reason, each line applied once, bad lines with their number and reason;"
            + " and a card's import run now.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsBatchImportController {

  private static final Set<String> OUTCOMES = Set.of("applied", "unchanged", "bad");

  private final Catalog catalog;
  private final ImportStore store;
  private final RouteTrigger trigger;

  public OpsBatchImportController(Catalog catalog, ImportStore store, RouteTrigger trigger) {
    this.catalog = catalog;
    this.store = store;
    this.trigger = trigger;
  }

  @GetMapping(path = "/ops/v1/batch/imports", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listBatchImports",
      summary = "Result files of batch agencies",
      description =
          "Newest first, of one connector when `connector` is given: the manifest and data file"
              + " names, `state` (`received`: accepted, lines being applied; `applied`;"
              + " `refused`: refused whole, with `refusalCode` `batch_import_refused` or"
              + " `batch_import_duplicate` and the `reason`), the agency's sequence, the export it"
              + " answers (`forSequence`), SHA-256 of the file and its signature, the signer's key"
              + " id, the count, whether it came `late`, and the lines applied, unchanged and bad.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<ImportStore.ImportFile> list(
      @Parameter(description = "Only this connector's files.", example = "doae-farmer-registration")
          @RequestParam(name = "connector", required = false)
          String connector,
      @Parameter(description = "At most this many, 1 to 500.")
          @RequestParam(name = "limit", defaultValue = "50")
          int limit) {
    OpsBatchExportController.requireLimit(limit);
    return store.files(connector, limit);
  }

  @GetMapping(
      path = "/ops/v1/batch/imports/{id}/lines",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listBatchImportLines",
      summary = "Lines of a result file",
      description =
          "The file and its detail lines in order (of one `outcome` when given: `applied`,"
              + " `unchanged` or `bad`), after line `after`: each with its number, application,"
              + " outcome, the agency's status code and, for a bad line, the reason (its code"
              + " `batch_result_line_invalid`). Page on with `after` = the last line number.")
  @ApiErrors({ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> lines(
      @Parameter(description = "The result file's id.") @PathVariable("id") long id,
      @Parameter(description = "Only lines of this outcome.", example = "bad")
          @RequestParam(name = "outcome", required = false)
          String outcome,
      @Parameter(description = "Lines after this line number.")
          @RequestParam(name = "after", defaultValue = "0")
          int after,
      @Parameter(description = "At most this many, 1 to 1000.")
          @RequestParam(name = "limit", defaultValue = "200")
          int limit) {
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "outcome is applied, unchanged or bad");
    }
    if (limit < 1 || limit > 1000 || after < 0) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "limit is 1 to 1000 and after is 0 or more");
    }
    ImportStore.ImportFile file =
        store
            .file(id)
            .orElseThrow(
                () ->
                    SaphanException.business(
                        ErrorCode.NOT_FOUND, "no result file " + id, Map.of()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("file", file);
    answer.put("lines", store.lines(id, outcome, after, limit));
    return answer;
  }

  @PostMapping(
      path = "/ops/v1/connectors/{name}/batch-import",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "runBatchImport",
      summary = "Import a batch agency's result files now",
      description =
          "Runs the card's import as its schedule does (once per cluster): restarts its last run"
              + " if it did not complete (lines are applied after the last recorded), else fetches"
              + " new result files, applies them and signals overdue results. Answers `{connector,"
              + " runId, status, restarted, written (lines recorded), failure}`; `status` is"
              + " `running_elsewhere` when another node holds the card's import.")
  @ApiErrors({ErrorCode.CONNECTOR_NOT_FOUND, ErrorCode.NOT_FOUND})
  Map<String, Object> run(
      @Parameter(description = "The connector card's name.", example = "doae-farmer-registration")
          @PathVariable("name")
          String name) {
    if (catalog.find(name).filter(BatchImportRouteParameters::hasResults).isEmpty()) {
      throw SaphanException.validation(
          ErrorCode.CONNECTOR_NOT_FOUND, "no batch connector card with result files named " + name);
    }
    return OpsBatchExportController.answer(
        name,
        trigger.runNow(BatchImportRouteParameters.routeId(name), BatchJobLauncher.Launched.class));
  }
}
