package org.saphan.hub.ops;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.saphan.catalog.ThaiCitizenId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operators' audit trail: every write on {@code /ops/v1} and every Jolokia exec or write, with
 * who (token subject), when, what, the target, the reason given and the correlation id. An entry is
 * written in its own transaction, so a refused or failed action is recorded too.
 */
public class OperatorAudit {

  private static final Logger log = LoggerFactory.getLogger(OperatorAudit.class);

  /** Longest target or reason kept; longer text is cut (it is for people, not for replay). */
  static final int MAX_TEXT = 2000;

  /** Where the action came in. */
  public enum Channel {
    OPS_API,
    JOLOKIA;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How the action ended. */
  public enum Outcome {
    SUCCEEDED,
    REFUSED,
    FAILED;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One recorded action. */
  @Schema(name = "OperatorAuditEntry", description = "One operator action.")
  public record Entry(
      long id,
      Instant at,
      String actor,
      String channel,
      String action,
      String target,
      String reason,
      String outcome,
      Integer httpStatus,
      String correlationId) {}

  /**
   * Filters for reading the trail; {@code null} means any.
   *
   * @param from inclusive lower bound of {@code at}
   * @param to exclusive upper bound of {@code at}
   * @param actor exact token subject
   * @param action exact action, or a prefix when it ends with {@code *}
   */
  public record Filter(Instant from, Instant to, String actor, String action) {}

  /** One page of the trail, newest first. */
  @Schema(name = "OperatorAuditPage", description = "One page of the trail, newest first.")
  public record Page(List<Entry> items, int page, int size, boolean hasMore) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate separate;
  private final Clock clock;

  public OperatorAudit(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** Records an action; the correlation id is the current request's. */
  public void record(
      String actor,
      Channel channel,
      String action,
      String target,
      String reason,
      Outcome outcome,
      Integer httpStatus) {
    separate.executeWithoutResult(
        tx ->
            jdbc.sql(
                    "insert into operator_audit (at, actor, channel, action, target, reason,"
                        + " outcome, http_status, correlation_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                    Timestamp.from(clock.instant()),
                    actor == null || actor.isBlank() ? "anonymous" : cut(actor),
                    channel.wire(),
                    cut(action),
                    cut(target),
                    cut(reason),
                    outcome.wire(),
                    httpStatus,
                    MDC.get("correlationId"))
                .update());
    // the trail keeps the target as given (an erasure must say whose); the log masks citizen ids
    log.info("Operator audit: {} on {}: {}", action, masked(target), outcome.wire());
  }

  private static final java.util.regex.Pattern THIRTEEN_DIGITS =
      java.util.regex.Pattern.compile("(?<![0-9])[0-9]{13}(?![0-9])");

  /** The target with every valid citizen id in it masked, for the log. */
  static String masked(String target) {
    if (target == null) {
      return null;
    }
    return THIRTEEN_DIGITS
        .matcher(target)
        .replaceAll(
            m ->
                ThaiCitizenId.isValid(m.group())
                    ? java.util.regex.Matcher.quoteReplacement(ThaiCitizenId.mask(m.group()))
                    : m.group());
  }

  /** A page of the trail, newest first. */
  public Page list(Filter filter, int page, int size) {
    StringBuilder sql =
        new StringBuilder(
            "select id, at, actor, channel, action, target, reason, outcome, http_status,"
                + " correlation_id from operator_audit where true");
    List<Object> params = new ArrayList<>();
    if (filter.from() != null) {
      sql.append(" and at >= ?");
      params.add(Timestamp.from(filter.from()));
    }
    if (filter.to() != null) {
      sql.append(" and at < ?");
      params.add(Timestamp.from(filter.to()));
    }
    if (filter.actor() != null) {
      sql.append(" and actor = ?");
      params.add(filter.actor());
    }
    if (filter.action() != null) {
      if (filter.action().endsWith("*")) {
        sql.append(" and starts_with(action, ?)");
        params.add(filter.action().substring(0, filter.action().length() - 1));
      } else {
        sql.append(" and action = ?");
        params.add(filter.action());
      }
    }
    sql.append(" order by at desc, id desc limit ? offset ?");
    params.add(size + 1);
    params.add((long) page * size);
    List<Entry> rows =
        jdbc.sql(sql.toString())
            .params(params)
            .query(
                (rs, row) ->
                    new Entry(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("channel"),
                        rs.getString("action"),
                        rs.getString("target"),
                        rs.getString("reason"),
                        rs.getString("outcome"),
                        (Integer) rs.getObject("http_status"),
                        rs.getString("correlation_id")))
            .list();
    boolean more = rows.size() > size;
    return new Page(more ? rows.subList(0, size) : rows, page, size, more);
  }

  private static String cut(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }
}
