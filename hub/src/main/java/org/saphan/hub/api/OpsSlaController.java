package org.saphan.hub.api;

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
public class OpsSlaController {

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

  /** Runs the SLA check now (once per cluster), or as of {@code asOf}. */
  @PostMapping("/sla/check")
  Map<String, Object> check(@RequestParam(name = "asOf", required = false) Instant asOf) {
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
  List<SlaMonitor.Breach> breaches(
      @RequestParam(name = "agency", required = false) String agency,
      @RequestParam(name = "connector", required = false) String connector,
      @RequestParam(name = "open", defaultValue = "false") boolean open,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    return sla.breaches(agency, connector, open, limit);
  }

  /** Statistics of one agency (default: the last 30 days). */
  @GetMapping("/sla/statistics")
  Map<String, Object> statistics(
      @RequestParam("agency") String agency,
      @RequestParam(name = "from", required = false) Instant from,
      @RequestParam(name = "to", required = false) Instant to) {
    Instant end = to != null ? to : clock.instant();
    return sla.statistics(agency, from != null ? from : end.minus(Duration.ofDays(30)), end);
  }

  /** Sends the "about to expire" events due now, or as of {@code asOf}. */
  @PostMapping("/licences/expiry-check")
  Map<String, Object> expiryCheck(@RequestParam(name = "asOf", required = false) Instant asOf) {
    Instant at = asOf != null ? asOf : clock.instant();
    return Map.of("asOf", at, "notified", expiry.notifyExpiring(at));
  }

  /** Checks every case waiting for a payment against its timeline now. */
  @PostMapping("/backoffice/payment-sync")
  Map<String, Object> paymentSync() {
    return Map.of("resumed", fees.syncPayments());
  }

  @GetMapping("/backoffice/audit")
  List<BackOfficeAudit.Entry> audit(
      @RequestParam(name = "agency", required = false) String agency,
      @RequestParam(name = "applicationId", required = false) String applicationId,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 1000");
    }
    return audit.list(new BackOfficeAudit.Filter(agency, applicationId, action, limit));
  }

  /** Back-office work not handled yet (the sweep puts it back on its queue). */
  @GetMapping("/backoffice/unhandled")
  List<Map<String, Object>> unhandled(
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    return events.unhandled(Math.max(1, Math.min(limit, 1000)));
  }

  /** The working-day calendar: the years covered, and each year's holidays. */
  @GetMapping("/calendar")
  Map<String, Object> calendar(@RequestParam(name = "year", required = false) Integer year) {
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
