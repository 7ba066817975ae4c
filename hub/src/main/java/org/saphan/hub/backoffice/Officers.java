package org.saphan.hub.backoffice;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;

/**
 * Who may see and do what in the back office, from the caller's agency role assignments: an officer
 * ({@code agency_officer}) sees only their agency's work, acts only on steps whose role they hold;
 * an agency admin ({@code agency_admin}) oversees the agency's work and its roles.
 */
public final class Officers {

  private Officers() {}

  /** Whether the caller works for the agency (officer or admin). */
  public static boolean worksFor(Caller caller, String agency) {
    return caller.kind() == Caller.Kind.CITIZEN
        && (caller.hasAgencyRole(agency, Caller.AGENCY_OFFICER)
            || caller.hasAgencyRole(agency, Caller.AGENCY_ADMIN));
  }

  /** The agencies whose work the caller may see; refuses someone who works for none. */
  public static List<String> agencies(Caller caller) {
    List<String> agencies =
        caller.assignments().keySet().stream().filter(a -> worksFor(caller, a)).sorted().toList();
    if (agencies.isEmpty()) {
      throw SaphanException.business(
          ErrorCode.AGENCY_ROLE_REQUIRED,
          "the back office is for agency officers: the caller holds no agency_officer or"
              + " agency_admin role",
          Map.of("role", Caller.AGENCY_OFFICER));
    }
    return agencies;
  }

  /** Refuses a caller who does not work for the agency. */
  public static void requireWorksFor(Caller caller, String agency) {
    if (!worksFor(caller, agency)) {
      throw SaphanException.business(
          ErrorCode.AGENCY_ROLE_REQUIRED,
          "this needs the agency_officer or agency_admin role of agency " + agency,
          Map.of("agency", agency, "role", Caller.AGENCY_OFFICER));
    }
  }

  /** Refuses anyone but an admin of the agency. */
  public static void requireAdmin(Caller caller, String agency) {
    if (caller.kind() != Caller.Kind.CITIZEN
        || !caller.hasAgencyRole(agency, Caller.AGENCY_ADMIN)) {
      throw SaphanException.business(
          ErrorCode.AGENCY_ROLE_REQUIRED,
          "this needs the agency_admin role of agency " + agency,
          Map.of("agency", agency, "role", Caller.AGENCY_ADMIN));
    }
  }

  /**
   * A task the caller may see: of an agency they work for. Someone who works for no agency is
   * refused ({@code agency_role_required}); another agency's task answers like a missing one
   * ({@code task_not_found}), so ids are not probed.
   */
  public static TaskRecord visibleTask(CaseStore store, Caller caller, UUID taskId) {
    agencies(caller);
    TaskRecord task = store.findTask(taskId).orElse(null);
    if (task == null || !worksFor(caller, task.agency())) {
      throw SaphanException.validation(ErrorCode.TASK_NOT_FOUND, "no task " + taskId);
    }
    return task;
  }

  /** Refuses an officer whose roles do not own the task's step. */
  public static void requireStepRole(Caller caller, TaskRecord task) {
    if (!caller.hasAgencyRole(task.agency(), Caller.AGENCY_OFFICER)
        || !caller.hasAgencyRole(task.agency(), task.role())) {
      throw SaphanException.business(
          ErrorCode.STEP_ROLE_REQUIRED,
          "step "
              + task.stepId()
              + " is worked by the "
              + task.role()
              + " role of "
              + task.agency(),
          Map.of("step", task.stepId(), "role", task.role(), "agency", task.agency()));
    }
  }

  /**
   * The citizen side of the same rule: the caller's own application; anyone else's answers like a
   * missing one ({@code application_not_found}).
   */
  public static Application ownApplication(
      ApplicationStore applications, Caller caller, String applicationId) {
    caller.requireCitizen();
    return applications
        .find(applicationId)
        .filter(a -> a.citizenId().equals(caller.citizenId()))
        .orElseThrow(
            () ->
                SaphanException.validation(
                    ErrorCode.APPLICATION_NOT_FOUND, "no application " + applicationId));
  }

  /** The step roles the caller holds in an agency. */
  public static Set<String> rolesIn(Caller caller, String agency) {
    return caller.assignments().getOrDefault(agency, Set.of());
  }
}
