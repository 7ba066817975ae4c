package org.saphan.hub.api;

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
public class OpsAuditController {

  private final OperatorAudit audit;

  public OpsAuditController(OperatorAudit audit) {
    this.audit = audit;
  }

  /**
   * A page of the trail, newest first.
   *
   * @param from entries at or after this instant
   * @param to entries before this instant
   * @param actor the token subject
   * @param action the action, e.g. {@code POST /ops/v1/routes/{routeId}/pause}, or a prefix ending
   *     with {@code *}
   * @param page 0-based page number
   * @param size entries per page, 1 to 200
   */
  @GetMapping(path = "/ops/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  OperatorAudit.Page audit(
      @RequestParam(name = "from", required = false) Instant from,
      @RequestParam(name = "to", required = false) Instant to,
      @RequestParam(name = "actor", required = false) String actor,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
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
