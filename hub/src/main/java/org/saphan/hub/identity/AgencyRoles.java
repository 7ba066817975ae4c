package org.saphan.hub.identity;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Agency role assignments (person ↔ agency ↔ role) kept in PostgreSQL. Identity comes from Digital
 * ID; what an officer may do for an agency comes from here.
 */
public class AgencyRoles {

  /** One assignment as stored. */
  public record Assignment(String citizenId, String agency, String role, String assignedBy) {}

  private final JdbcClient jdbc;

  public AgencyRoles(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The current roles of a person, by agency. */
  public Map<String, Set<String>> of(String citizenId) {
    Map<String, Set<String>> roles = new LinkedHashMap<>();
    if (citizenId == null) {
      return roles;
    }
    jdbc.sql(
            "select agency, role from agency_role_assignment"
                + " where citizen_id = ? and revoked_at is null order by agency, role")
        .param(citizenId)
        .query(
            (rs, row) ->
                roles
                    .computeIfAbsent(rs.getString("agency"), k -> new LinkedHashSet<>())
                    .add(rs.getString("role")))
        .list();
    return roles;
  }

  /** Assigns a role (idempotent); returns whether it was new. */
  public boolean assign(String citizenId, String agency, String role, String assignedBy) {
    return jdbc.sql(
                "insert into agency_role_assignment (citizen_id, agency, role, assigned_by)"
                    + " values (?, ?, ?, ?) on conflict (citizen_id, agency, role)"
                    + " do update set revoked_at = null, assigned_by = excluded.assigned_by,"
                    + " assigned_at = now() where agency_role_assignment.revoked_at is not null")
            .params(citizenId, agency, role, assignedBy)
            .update()
        > 0;
  }

  /** Revokes a role; returns whether it was held. */
  public boolean revoke(String citizenId, String agency, String role, String revokedBy) {
    return jdbc.sql(
                "update agency_role_assignment set revoked_at = now(), revoked_by = ?"
                    + " where citizen_id = ? and agency = ? and role = ? and revoked_at is null")
            .params(revokedBy, citizenId, agency, role)
            .update()
        > 0;
  }

  /** The current assignments of an agency. */
  public List<Assignment> ofAgency(String agency) {
    return jdbc.sql(
            "select citizen_id, agency, role, assigned_by from agency_role_assignment"
                + " where agency = ? and revoked_at is null order by role, citizen_id")
        .param(agency)
        .query(
            (rs, row) ->
                new Assignment(
                    rs.getString("citizen_id"),
                    rs.getString("agency"),
                    rs.getString("role"),
                    rs.getString("assigned_by")))
        .list();
  }
}
