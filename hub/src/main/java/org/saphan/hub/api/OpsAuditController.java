package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.ops.OperatorAudit;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operators' audit trail (operators only, like every {@code /ops/v1} call). */
@RestController
@Tag(
    name = "Operations: audit",
    description =
        "The operators' audit trail: every write on /ops/v1 (and the management plane), by whom,"
            + " on what, why, and how it ended, refused calls included.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsAuditController {

  private final OperatorAudit audit;

  public OpsAuditController(OperatorAudit audit) {
    this.audit = audit;
  }

  @GetMapping(path = "/ops/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listOperatorAudit",
      summary = "A page of the operators' audit trail",
      description =
          "Entries newest first, as `{items, page, size, hasMore}`. Each entry names the actor"
              + " (token subject, or `anonymous`), the channel, the action as mapped (`POST"
              + " /ops/v1/routes/{routeId}/pause`), its target, the reason given, the outcome"
              + " (succeeded, refused, failed) and the HTTP status.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  OperatorAudit.Page audit(
      @Parameter(
              description = "Entries at or after this instant.",
              example = "2026-11-24T00:00:00Z")
          @RequestParam(name = "from", required = false)
          Instant from,
      @Parameter(description = "Entries before this instant; after `from`.")
          @RequestParam(name = "to", required = false)
          Instant to,
      @Parameter(description = "The actor's token subject.")
          @RequestParam(name = "actor", required = false)
          String actor,
      @Parameter(
              description = "The action, or a prefix ending with `*`.",
              example = "POST /ops/v1/routes/*")
          @RequestParam(name = "action", required = false)
          String action,
      @Parameter(description = "0-based page number, at most 100000.")
          @RequestParam(name = "page", defaultValue = "0")
          int page,
      @Parameter(description = "Entries per page, 1 to 200.")
          @RequestParam(name = "size", defaultValue = "50")
          int size) {
    if (page < 0 || page > 100_000 || size < 1 || size > 200) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "page is 0 to 100000 and size is 1 to 200");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "from must be before to");
    }
    return audit.list(new OperatorAudit.Filter(from, to, actor, action), page, size);
  }
}
