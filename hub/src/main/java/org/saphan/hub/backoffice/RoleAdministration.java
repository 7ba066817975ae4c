package org.saphan.hub.backoffice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.AgencyRoles;
import org.saphan.hub.identity.Caller;

/**
 * Agency admins assign and revoke their agency's officer roles: {@code agency_officer} and the step
 * roles of the agency's model-4 cards. An admin acts for their own agency only; every change is
 * audited. Admin roles themselves are given by portal operators, not by agency admins.
 */
public class RoleAdministration {

  private final AgencyRoles roles;
  private final Workflows workflows;
  private final BackOfficeAudit audit;

  public RoleAdministration(AgencyRoles roles, Workflows workflows, BackOfficeAudit audit) {
    this.roles = roles;
    this.workflows = workflows;
    this.audit = audit;
  }

  /** The agency's current assignments (citizen ids masked) and the roles that may be assigned. */
  public Map<String, Object> list(Caller caller, String agency) {
    Officers.requireAdmin(caller, agency);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("agency", agency);
    view.put("assignableRoles", workflows.assignableRoles(agency));
    view.put(
        "assignments",
        roles.ofAgency(agency).stream()
            .map(
                a -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("citizenId", ThaiCitizenId.mask(a.citizenId()));
                  row.put("role", a.role());
                  row.put("assignedBy", a.assignedBy());
                  return row;
                })
            .toList());
    return view;
  }

  /** Assigns a role of the agency to a person (idempotent). */
  public Map<String, Object> assign(Caller caller, String agency, String citizenId, String role) {
    return audit.run(
        caller,
        new Subject("admin", "role.assign", agency, null, null, safe(citizenId)),
        () -> {
          check(caller, agency, citizenId, role);
          boolean added = roles.assign(citizenId, agency, role, caller.maskedCitizenId());
          return result(agency, citizenId, role, "assigned", added);
        },
        r -> Map.of("role", role, "changed", r.get("changed")));
  }

  /** Revokes a role of the agency from a person. */
  public Map<String, Object> revoke(Caller caller, String agency, String citizenId, String role) {
    return audit.run(
        caller,
        new Subject("admin", "role.revoke", agency, null, null, safe(citizenId)),
        () -> {
          check(caller, agency, citizenId, role);
          if (!roles.revoke(citizenId, agency, role, caller.maskedCitizenId())) {
            throw SaphanException.validation(
                ErrorCode.NOT_FOUND,
                ThaiCitizenId.mask(citizenId) + " does not hold " + role + " of " + agency);
          }
          return result(agency, citizenId, role, "revoked", true);
        },
        r -> Map.of("role", role));
  }

  private void check(Caller caller, String agency, String citizenId, String role) {
    Officers.requireAdmin(caller, agency);
    if (citizenId == null || !ThaiCitizenId.isValid(citizenId)) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "citizenId must be 13 digits with a valid check digit");
    }
    Set<String> assignable = workflows.assignableRoles(agency);
    if (role == null || !assignable.contains(role)) {
      throw SaphanException.business(
          ErrorCode.ROLE_NOT_ASSIGNABLE,
          "role " + role + " is not assignable for " + agency + "; assignable: " + assignable,
          Map.of("assignableRoles", List.copyOf(assignable)));
    }
  }

  private static Map<String, Object> result(
      String agency, String citizenId, String role, String action, boolean changed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("agency", agency);
    out.put("citizenId", ThaiCitizenId.mask(citizenId));
    out.put("role", role);
    out.put("action", action);
    out.put("changed", changed);
    return out;
  }

  private static String safe(String citizenId) {
    return citizenId != null && citizenId.matches("[0-9]{13}") ? citizenId : null;
  }
}
