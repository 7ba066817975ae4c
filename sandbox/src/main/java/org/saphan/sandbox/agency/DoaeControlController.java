package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Control API of the DOAE batch agency (tests and demos only): the files its inbox checked, the
 * plan of its next result file (outcomes and fault), the result files it made, the release of the
 * held ones.
 */
@RestController
@RequestMapping("/sandbox/v1/agencies/doae")
public class DoaeControlController {

  private final DoaeBatchInbox inbox;
  private final DoaeResultFiles results;

  public DoaeControlController(DoaeBatchInbox inbox, DoaeResultFiles results) {
    this.inbox = inbox;
    this.results = results;
  }

  /**
   * The files received, oldest first: {@code
   * [{"manifest","file","count","accepted","reason","at"}]} ({@code reason} null when accepted).
   */
  @GetMapping("/files")
  public List<DoaeBatchInbox.Received> files() {
    return inbox.received();
  }

  /** The plan of the next result file: {@code {"reject":{id:reason},"receivedOnly":[],"fault"}}. */
  @GetMapping("/results-plan")
  public DoaeResultPlan plan() {
    return results.plan();
  }

  /**
   * Sets the plan of the result file answering the next accepted export (then back to every
   * application approved, no fault): {@code {"reject": ["id", {"applicationId": "id", "reason":
   * "ไทย"}], "receivedOnly": ["id"], "fault":
   * "none|missing|late|bad-signature|bad-lines|duplicate"}}; 400 {@code results_plan_invalid} or
   * {@code result_fault_unknown} otherwise.
   */
  @PutMapping("/results-plan")
  public DoaeResultPlan setPlan(@RequestBody(required = false) JsonNode body) {
    return results.plan(DoaeResultPlan.parse(body));
  }

  /**
   * The result files made, oldest first: {@code [{"file","sequence","forSequence","count","fault",
   * "state","duplicateOf","lines":[{"line","applicationId","resultCode","problem"}],"at"}]}.
   */
  @GetMapping("/results")
  public List<DoaeResultFiles.Produced> results() {
    return results.produced();
  }

  /** Publishes every held ({@code late}) result file; answers those released. */
  @PostMapping("/results/release")
  public List<DoaeResultFiles.Produced> release() {
    return results.release();
  }
}
