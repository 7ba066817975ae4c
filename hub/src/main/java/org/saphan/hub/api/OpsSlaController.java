package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.hub.backoffice.BackOfficeAudit;
import org.saphan.hub.backoffice.CaseFees;
import org.saphan.hub.backoffice.LicenceExpiry;
import org.saphan.hub.backoffice.WorkEvents;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.sla.SlaMonitor;
import org.saphan.hub.sla.WorkingDayCalendar;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of service levels and the back office: SLA breaches and statistics per agency,
 * the SLA check and the licence expiry check on demand (optionally "as of" another instant, which
 * is how drills and tests move time without touching the hub's clock), the working-day calendar,
 * the back-office audit trail and unhandled work.
 */
@RestController
@RequestMapping(path = "/ops/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Operations: service levels and back office",
    description =
        "SLA breaches and statistics of every agency, the SLA and licence expiry checks on"
            + " demand, the working-day calendar, the back-office audit trail and unhandled"
            + " work.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsSlaController {

  private static final String AS_OF =
      "Check as of this instant instead of now (drills and tests move time this way).";
  private static final String AGENCY = "The agency code, as in the cards' agency.code.";
  private static final String LIMIT = "At most this many, 1 to 1000.";

  private final SlaMonitor sla;
  private final LicenceExpiry expiry;
  private final CaseFees fees;
  private final WorkEvents events;
  private final BackOfficeAudit audit;
  private final WorkingDayCalendar calendar;
  private final ClusterLock lock;
  private final Clock clock;

  public OpsSlaController(
      SlaMonitor sla,
      LicenceExpiry expiry,
      CaseFees fees,
      WorkEvents events,
      BackOfficeAudit audit,
      WorkingDayCalendar calendar,
      ClusterLock lock,
      Clock clock) {
    this.sla = sla;
    this.expiry = expiry;
    this.fees = fees;
    this.events = events;
    this.audit = audit;
    this.calendar = calendar;
    this.lock = lock;
    this.clock = clock;
  }

  @PostMapping("/sla/check")
  @Operation(
      operationId = "runSlaCheck",
      summary = "Run the SLA check now",
      description =
          "Finds the tasks and cases past their due date and records (and escalates) each new"
              + " breach once; answers the breaches found. Runs once per cluster: while another"
              + " node runs it the answer is service_unavailable, try again.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  Map<String, Object> check(
      @Parameter(description = AS_OF, example = "2026-12-15T03:00:00Z")
          @RequestParam(name = "asOf", required = false)
          Instant asOf) {
    Instant at = asOf != null ? asOf : clock.instant();
    ClusterLock.Outcome<List<SlaMonitor.Breach>> outcome =
        lock.callIfFree("sla-check", () -> sla.checkAt(at));
    if (!outcome.ran()) {
      throw SaphanException.system(
          ErrorCode.SERVICE_UNAVAILABLE,
          "the SLA check is running on another node; try again",
          null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("asOf", at);
    body.put("breaches", outcome.result().orElse(List.of()));
    return body;
  }

  @GetMapping("/sla/breaches")
  @Operation(
      operationId = "listSlaBreaches",
      summary = "SLA breaches",
      description =
          "Newest first: kind (step: a task late; service: a case late), application, task,"
              + " agency, connector, step, due date, when detected, escalated and resolved.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<SlaMonitor.Breach> breaches(
      @Parameter(description = AGENCY, example = "dsd")
          @RequestParam(name = "agency", required = false)
          String agency,
      @Parameter(description = "Only this connector.", example = "dsd-competency-certificate")
          @RequestParam(name = "connector", required = false)
          String connector,
      @Parameter(description = "Only breaches not resolved yet.")
          @RequestParam(name = "open", defaultValue = "false")
          boolean open,
      @Parameter(description = LIMIT) @RequestParam(name = "limit", defaultValue = "100")
          int limit) {
    return sla.breaches(agency, connector, open, limit);
  }

  @GetMapping("/sla/statistics")
  @Operation(
      operationId = "getSlaStatistics",
      summary = "An agency's statistics",
      description =
          "Of the applications submitted in [from, to) (default the last 30 days): received,"
              + " completed, rejected, still open, median time to a decision, breaches; in total"
              + " and per service.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  Map<String, Object> statistics(
      @Parameter(description = AGENCY, example = "dsd") @RequestParam("agency") String agency,
      @Parameter(description = "Submitted at or after; default 30 days before `to`.")
          @RequestParam(name = "from", required = false)
          Instant from,
      @Parameter(description = "Submitted before; default now.")
          @RequestParam(name = "to", required = false)
          Instant to) {
    Instant end = to != null ? to : clock.instant();
    return sla.statistics(agency, from != null ? from : end.minus(Duration.ofDays(30)), end);
  }

  @PostMapping("/licences/expiry-check")
  @Operation(
      operationId = "runLicenceExpiryCheck",
      summary = "Send the due licence expiry notices now",
      description =
          "Tells the portal about every licence whose expiry notice date has come"
              + " (`licence.expiring`), once per licence; `notified` counts them.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  Map<String, Object> expiryCheck(
      @Parameter(description = AS_OF) @RequestParam(name = "asOf", required = false) Instant asOf) {
    Instant at = asOf != null ? asOf : clock.instant();
    return Map.of("asOf", at, "notified", expiry.notifyExpiring(at));
  }

  @PostMapping("/backoffice/payment-sync")
  @Operation(
      operationId = "syncCasePayments",
      summary = "Resume the cases whose fee is paid",
      description =
          "Checks every case waiting for a payment against its timeline now (the fallback of"
              + " the payment hook); `resumed` counts the cases that moved on.")
  Map<String, Object> paymentSync() {
    return Map.of("resumed", fees.syncPayments());
  }

  @GetMapping("/backoffice/audit")
  @Operation(
      operationId = "listBackOfficeAudit",
      summary = "The back-office audit trail of every agency",
      description =
          "Newest first: who (masked) did what to which case or task, and how it ended"
              + " (succeeded, refused with its error code).")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<BackOfficeAudit.Entry> audit(
      @Parameter(description = AGENCY, example = "dsd")
          @RequestParam(name = "agency", required = false)
          String agency,
      @Parameter(description = "Only this application.", example = "APP-20261124-7KQ2M9XD")
          @RequestParam(name = "applicationId", required = false)
          String applicationId,
      @Parameter(description = "Only this action.", example = "task.claim")
          @RequestParam(name = "action", required = false)
          String action,
      @Parameter(description = LIMIT) @RequestParam(name = "limit", defaultValue = "100")
          int limit) {
    if (limit < 1 || limit > 1000) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 1000");
    }
    return audit.list(new BackOfficeAudit.Filter(agency, applicationId, action, limit));
  }

  @GetMapping("/backoffice/unhandled")
  @Operation(
      operationId = "listUnhandledWork",
      summary = "Back-office work not handled yet",
      description =
          "Events still waiting (delivery, notify, escalation, licence, payment), oldest first,"
              + " with attempts and the last error; the sweep puts them back on their queue.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<Map<String, Object>> unhandled(
      @Parameter(description = "At most this many (clamped to 1 to 1000).")
          @RequestParam(name = "limit", defaultValue = "100")
          int limit) {
    return events.unhandled(Math.max(1, Math.min(limit, 1000)));
  }

  @GetMapping("/calendar")
  @Operation(
      operationId = "getCalendar",
      summary = "The working-day calendar",
      description =
          "The years covered and the weekend; with `year`, that year's holidays, else the"
              + " holidays whose date is not confirmed yet.")
  @ApiErrors({ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> calendar(
      @Parameter(description = "A Gregorian year.", example = "2026")
          @RequestParam(name = "year", required = false)
          Integer year) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("coveredYears", calendar.coveredYears());
    body.put("weekend", List.of("SATURDAY", "SUNDAY"));
    if (year != null) {
      body.put(
          "year",
          calendar
              .year(year)
              .orElseThrow(
                  () ->
                      SaphanException.validation(
                          ErrorCode.NOT_FOUND, "the calendar has no holidays for " + year)));
    } else {
      body.put("unconfirmed", calendar.holidays().stream().filter(h -> !h.confirmed()).toList());
    }
    return body;
  }
}
