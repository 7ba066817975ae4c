package org.saphan.hub.backoffice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What officers and agency admins are told (a new task for their role, a citizen's answer, a paid
 * fee, an SLA breach): to one person, or to every holder of a role in an agency. Messages never
 * carry personal data: they name the case and the step.
 */
public class Notifications {

  /** One notification. */
  public record Notification(
      long id,
      String agency,
      String recipientRole,
      boolean personal,
      String kind,
      String applicationId,
      UUID taskId,
      String message,
      Instant createdAt,
      Instant readAt) {}

  private final JdbcClient jdbc;

  public Notifications(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Notifies one person or the holders of a role (inside the caller's transaction). */
  public void add(
      String agency,
      String recipient,
      String recipientRole,
      String kind,
      String applicationId,
      UUID taskId,
      String message) {
    jdbc.sql(
            "insert into bo_notification (agency, recipient, recipient_role, kind, application_id,"
                + " task_id, message) values (?, ?, ?, ?, ?, ?, ?)")
        .params(agency, recipient, recipientRole, kind, applicationId, taskId, message)
        .update();
  }

  /**
   * A person's notifications: addressed to them, or to a role they hold in the agency, newest
   * first.
   *
   * @param rolesByAgency the person's roles in each agency they work for
   */
  public List<Notification> of(
      String citizenId, Map<String, Set<String>> rolesByAgency, boolean unreadOnly, int limit) {
    if (rolesByAgency.isEmpty()) {
      return List.of();
    }
    StringBuilder sql =
        new StringBuilder(
            "select id, agency, recipient, recipient_role, kind, application_id, task_id, message,"
                + " created_at, read_at from bo_notification where (");
    List<Object> params = new ArrayList<>();
    boolean first = true;
    for (Map.Entry<String, Set<String>> agency : rolesByAgency.entrySet()) {
      sql.append(first ? "" : " or ")
          .append("(agency = ? and (recipient = ? or recipient_role = any(?)))");
      params.add(agency.getKey());
      params.add(citizenId);
      params.add(agency.getValue().toArray(String[]::new));
      first = false;
    }
    sql.append(")");
    if (unreadOnly) {
      sql.append(" and read_at is null");
    }
    sql.append(" order by id desc limit ?");
    params.add(limit);
    return jdbc.sql(sql.toString())
        .params(params)
        .query(
            (rs, row) ->
                new Notification(
                    rs.getLong("id"),
                    rs.getString("agency"),
                    rs.getString("recipient_role"),
                    rs.getString("recipient") != null,
                    rs.getString("kind"),
                    rs.getString("application_id"),
                    rs.getObject("task_id", UUID.class),
                    rs.getString("message"),
                    CaseStore.instant(rs, "created_at"),
                    CaseStore.instant(rs, "read_at")))
        .list();
  }

  /**
   * Marks a notification read, if it is addressed to the person or to a role they hold.
   *
   * @return false when there is no such notification for them
   */
  public boolean markRead(long id, String citizenId, Map<String, Set<String>> rolesByAgency) {
    Map<String, Object> row =
        jdbc
            .sql("select agency, recipient, recipient_role from bo_notification where id = ?")
            .param(id)
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElse(null);
    if (row == null || !rolesByAgency.containsKey((String) row.get("agency"))) {
      return false;
    }
    boolean mine =
        citizenId.equals(row.get("recipient"))
            || rolesByAgency.get((String) row.get("agency")).contains(row.get("recipient_role"));
    if (mine) {
      jdbc.sql("update bo_notification set read_at = now() where id = ? and read_at is null")
          .param(id)
          .update();
    }
    return mine;
  }
}
