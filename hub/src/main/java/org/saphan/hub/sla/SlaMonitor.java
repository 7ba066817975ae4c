package org.saphan.hub.sla;

import static java.util.stream.Collectors.joining;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Service levels of models 3 and 4 in working days ({@link WorkingDayCalendar}): a back-office step
 * is due {@code slaWorkingDays} after its clock started (model 4); a model-3 application is due the
 * card's {@code info.slaWorkingDays} after submission, and is not checked while it waits for the
 * citizen (correction, payment). {@link #checkAt} records each breach once (metric {@code
 * saphan.sla.breaches}) and escalates it through the {@link BreachEscalation} (model 4 through its
 * route, model 3 directly): the agency's admins are notified and operators see it. Statistics per
 * agency: received, completed, median time, breaches.
 *
 * <p>The check takes the instant to check at, so operators (and tests) can run it "as of" another
 * time without moving the hub's clock.
 */
public class SlaMonitor {

  /** Statuses after which a model-3 application's SLA no longer runs. */
  static final List<String> FINISHED =
      List.of("approved", "rejected", "completed", "cancelled", "failed");

  /** Statuses in which a model-3 application waits for the citizen (its clock is paused). */
  static final List<String> WAITING = List.of("correction_requested", "payment_required");

  /** One breach. */
  @Schema(name = "SlaBreach", description = "A task (kind step) or case (kind service) late.")
  public record Breach(
      long id,
      String kind,
      String applicationId,
      UUID taskId,
      String agency,
      String connector,
      String stepId,
      Instant dueAt,
      Instant detectedAt,
      Instant escalatedAt,
      Instant resolvedAt) {}

  private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

  private final JdbcClient jdbc;
  private final WorkingDayCalendar calendar;
  private final Catalog catalog;
  private final BreachEscalation escalation;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;

  public SlaMonitor(
      JdbcClient jdbc,
      WorkingDayCalendar calendar,
      Catalog catalog,
      BreachEscalation escalation,
      TransactionTemplate transactions,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.calendar = calendar;
    this.catalog = catalog;
    this.escalation = escalation;
    this.transactions = transactions;
    this.meters = meters;
  }

  /**
   * Finds the breaches at {@code now}: records each new one, counts it, and escalates it; marks
   * breaches whose work is done as resolved.
   *
   * @return the breaches found by this check
   */
  public List<Breach> checkAt(Instant now) {
    List<Breach> found =
        transactions.execute(
            tx -> {
              List<Breach> breaches = new ArrayList<>(stepBreaches(now));
              breaches.addAll(serviceBreaches(now));
              resolve(now);
              for (Breach breach : breaches) {
                meters
                    .counter(
                        "saphan.sla.breaches",
                        "agency",
                        breach.agency(),
                        "connector",
                        breach.connector(),
                        "kind",
                        breach.kind())
                    .increment();
                if (breach.kind().equals("step")) {
                  escalation.queue(breach);
                } else {
                  escalateInside(breach.id());
                }
              }
              return breaches;
            });
    if (found != null && !found.isEmpty()) {
      log.warn("SLA check as of {}: {} new breaches", now, found.size());
    }
    return found == null ? List.of() : found;
  }

  private List<Breach> stepBreaches(Instant now) {
    return jdbc.sql(
            "insert into sla_breach (kind, application_id, task_id, agency, connector, step_id,"
                + " due_at, detected_at)"
                + " select 'step', t.application_id, t.id, t.agency, t.connector, t.step_id,"
                + " t.due_at, ? from bo_task t where t.state in ('open', 'claimed')"
                + " and t.due_at <= ?"
                + " on conflict (task_id) where kind = 'step' do nothing"
                + " returning "
                + COLUMNS)
        .params(Timestamp.from(now), Timestamp.from(now))
        .query(SlaMonitor::row)
        .list();
  }

  private List<Breach> serviceBreaches(Instant now) {
    List<Breach> found = new ArrayList<>();
    for (ConnectorCard card : catalog.byModel(IntegrationModel.THREE)) {
      if (card.info().isEmpty()) {
        continue;
      }
      int days = card.info().get().slaWorkingDays();
      List<Map<String, Object>> candidates =
          jdbc.sql(
                  "select id, agency, submitted_at from application a where connector = ?"
                      // the literal list lets the planner use the partial index application_open
                      // (V6) instead of reading every application of the card on each check
                      + " and status not in ("
                      + FINISHED.stream().map(f -> "'" + f + "'").collect(joining(", "))
                      + ") and status <> all(?) and submitted_at <= ?"
                      + " and not exists (select 1 from sla_breach b where b.kind = 'service'"
                      + " and b.application_id = a.id) order by submitted_at limit 1000")
              .params(
                  card.name(),
                  WAITING.toArray(String[]::new),
                  Timestamp.from(now.minus(Duration.ofDays(days))))
              .query()
              .listOfRows();
      for (Map<String, Object> a : candidates) {
        Instant submitted = ((Timestamp) a.get("submitted_at")).toInstant();
        Instant due = calendar.dueAt(submitted, days);
        if (due.isAfter(now)) {
          continue;
        }
        jdbc.sql(
                "insert into sla_breach (kind, application_id, agency, connector, due_at,"
                    + " detected_at) values ('service', ?, ?, ?, ?, ?)"
                    + " on conflict (application_id) where kind = 'service' do nothing"
                    + " returning "
                    + COLUMNS)
            .params(
                a.get("id"), a.get("agency"), card.name(), Timestamp.from(due), Timestamp.from(now))
            .query(SlaMonitor::row)
            .optional()
            .ifPresent(found::add);
      }
    }
    return found;
  }

  private void resolve(Instant now) {
    jdbc.sql(
            "update sla_breach b set resolved_at = ? where resolved_at is null and kind = 'step'"
                + " and exists (select 1 from bo_task t where t.id = b.task_id"
                + " and t.state not in ('open', 'claimed'))")
        .param(Timestamp.from(now))
        .update();
    jdbc.sql(
            "update sla_breach b set resolved_at = ? where resolved_at is null"
                + " and kind = 'service' and exists (select 1 from application a"
                + " where a.id = b.application_id and a.status = any(?))")
        .params(Timestamp.from(now), FINISHED.toArray(String[]::new))
        .update();
  }

  /** Escalates a breach once (the route calls this for model-4 breaches). */
  public void escalate(long breachId) {
    transactions.executeWithoutResult(tx -> escalateInside(breachId));
  }

  private void escalateInside(long breachId) {
    Optional<Breach> found =
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from sla_breach where id = ? and escalated_at is null for update")
            .param(breachId)
            .query(SlaMonitor::row)
            .optional();
    if (found.isEmpty()) {
      return;
    }
    Breach breach = found.get();
    String what =
        breach.kind().equals("step")
            ? "step " + breach.stepId() + " of case " + breach.applicationId()
            : "application " + breach.applicationId() + " (" + breach.connector() + ")";
    String message = "SLA breached: " + what + " was due " + breach.dueAt();
    escalation.notify(breach, message);
    jdbc.sql("update sla_breach set escalated_at = now() where id = ?").param(breachId).update();
    meters
        .counter(
            "saphan.sla.escalations",
            "agency",
            breach.agency(),
            "connector",
            breach.connector(),
            "kind",
            breach.kind())
        .increment();
    log.warn(
        "SLA breach {} escalated to the admins of {}: {} (due {})",
        breach.id(),
        breach.agency(),
        what,
        breach.dueAt());
  }

  /** Breaches for operators and agency admins, newest first. */
  public List<Breach> breaches(String agency, String connector, boolean openOnly, int limit) {
    if (limit < 1 || limit > 1000) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 1000");
    }
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from sla_breach where true");
    List<Object> params = new ArrayList<>();
    if (agency != null) {
      sql.append(" and agency = ?");
      params.add(agency);
    }
    if (connector != null) {
      sql.append(" and connector = ?");
      params.add(connector);
    }
    if (openOnly) {
      sql.append(" and resolved_at is null");
    }
    sql.append(" order by id desc limit ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(SlaMonitor::row).list();
  }

  /**
   * Statistics of an agency's applications submitted in {@code [from, to)}: received, completed,
   * rejected, still open, median time to a decision (working days and hours), breaches; in total
   * and per service.
   */
  public Map<String, Object> statistics(String agency, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "from must be before to");
    }
    List<Map<String, Object>> rows =
        jdbc.sql(
                "select a.id, a.connector, a.model, a.status, a.submitted_at,"
                    + " (select min(e.occurred_at) from timeline_entry e where e.application_id ="
                    + " a.id and e.status in ('approved', 'rejected', 'completed')) decided_at"
                    + " from application a where a.agency = ? and a.submitted_at >= ?"
                    + " and a.submitted_at < ?")
            .params(agency, Timestamp.from(from), Timestamp.from(to))
            .query()
            .listOfRows();
    Map<String, List<Map<String, Object>>> byConnector = new TreeMap<>();
    rows.forEach(
        r ->
            byConnector
                .computeIfAbsent((String) r.get("connector"), k -> new ArrayList<>())
                .add(r));
    Map<String, Object> total = summary(rows);
    total.put("breaches", breachCounts(agency, null, from, to));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("agency", agency);
    out.put("from", from);
    out.put("to", to);
    out.putAll(total);
    List<Map<String, Object>> services = new ArrayList<>();
    for (Map.Entry<String, List<Map<String, Object>>> c : byConnector.entrySet()) {
      Map<String, Object> service = new LinkedHashMap<>();
      service.put("connector", c.getKey());
      service.putAll(summary(c.getValue()));
      service.put("breaches", breachCounts(agency, c.getKey(), from, to));
      services.add(service);
    }
    out.put("services", services);
    return out;
  }

  private Map<String, Object> summary(List<Map<String, Object>> rows) {
    int completed = 0;
    int rejected = 0;
    List<Integer> workingDays = new ArrayList<>();
    List<Double> hours = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      String status = (String) r.get("status");
      if (status.equals("completed") || status.equals("approved")) {
        completed++;
      } else if (status.equals("rejected")) {
        rejected++;
      }
      Timestamp decided = (Timestamp) r.get("decided_at");
      if (decided != null) {
        Instant submitted = ((Timestamp) r.get("submitted_at")).toInstant();
        workingDays.add(calendar.workingDaysBetween(submitted, decided.toInstant()));
        hours.add(Duration.between(submitted, decided.toInstant()).toMinutes() / 60.0);
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("received", rows.size());
    s.put("completed", completed);
    s.put("rejected", rejected);
    s.put("open", rows.size() - completed - rejected);
    s.put("decided", workingDays.size());
    s.put("medianWorkingDays", median(workingDays.stream().map(Integer::doubleValue).toList()));
    s.put("medianHours", median(hours));
    return s;
  }

  private Map<String, Object> breachCounts(
      String agency, String connector, Instant from, Instant to) {
    Map<String, Object> counts = new LinkedHashMap<>();
    jdbc.sql(
            "select count(*) total, count(*) filter (where kind = 'step') step,"
                + " count(*) filter (where kind = 'service') service,"
                + " count(*) filter (where resolved_at is null) open from sla_breach"
                + " where agency = ? and (cast(? as text) is null or connector = ?)"
                + " and detected_at >= ? and detected_at < ?")
        .params(agency, connector, connector, Timestamp.from(from), Timestamp.from(to))
        .query(
            (rs, row) -> {
              counts.put("total", rs.getLong("total"));
              counts.put("step", rs.getLong("step"));
              counts.put("service", rs.getLong("service"));
              counts.put("open", rs.getLong("open"));
              return counts;
            })
        .single();
    return counts;
  }

  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return Math.round(m * 100) / 100.0;
  }

  private static final String COLUMNS =
      "id, kind, application_id, task_id, agency, connector, step_id, due_at, detected_at,"
          + " escalated_at, resolved_at";

  private static Breach row(ResultSet rs, int row) throws SQLException {
    return new Breach(
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getString("application_id"),
        rs.getObject("task_id", UUID.class),
        rs.getString("agency"),
        rs.getString("connector"),
        rs.getString("step_id"),
        instant(rs, "due_at"),
        instant(rs, "detected_at"),
        instant(rs, "escalated_at"),
        instant(rs, "resolved_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
