package org.saphan.hub.api;

import static org.saphan.hub.api.BackOfficeController.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.saphan.hub.backoffice.BackOfficeAudit;
import org.saphan.hub.backoffice.Licences;
import org.saphan.hub.backoffice.Officers;
import org.saphan.hub.backoffice.RoleAdministration;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.sla.SlaMonitor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agency's side of the back office: statistics and SLA breaches for its officers and admins;
 * role assignments, the audit trail and licence revocation for its admins ({@code agency_admin}).
 */
@RestController
@RequestMapping(path = "/backoffice/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Back office: agency administration",
    description =
        "An agency's statistics and SLA breaches (its officers and admins), and for its agency"
            + " admins: who holds which role, the audit trail of its back office, and revoking"
            + " a licence it issued. Every change is audited.")
public class BackOfficeAgencyController {

  private static final String AGENCY = "The agency code, as in the cards' agency.code.";

  private final RoleAdministration roles;
  private final SlaMonitor sla;
  private final BackOfficeAudit audit;
  private final Licences licences;
  private final Clock clock;

  public BackOfficeAgencyController(
      RoleAdministration roles,
      SlaMonitor sla,
      BackOfficeAudit audit,
      Licences licences,
      Clock clock) {
    this.roles = roles;
    this.sla = sla;
    this.audit = audit;
    this.licences = licences;
    this.clock = clock;
  }

  @GetMapping("/agencies/{agency}/statistics")
  @Operation(
      operationId = "getAgencyStatistics",
      summary = "The agency's statistics",
      description =
          "Of the applications submitted in [from, to) (default the last 30 days): received,"
              + " completed, rejected, still open, median time to a decision, breaches; in total"
              + " and per service. For the agency's officers and admins.")
  @ApiErrors({ErrorCode.AGENCY_ROLE_REQUIRED, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> statistics(
      @Parameter(description = AGENCY, example = "dsd") @PathVariable("agency") String agency,
      @Parameter(description = "Submitted at or after; default 30 days before `to`.")
          @RequestParam(name = "from", required = false)
          Instant from,
      @Parameter(description = "Submitted before; default now.")
          @RequestParam(name = "to", required = false)
          Instant to,
      Caller caller) {
    Officers.requireWorksFor(caller, agency);
    Instant end = to != null ? to : clock.instant();
    return sla.statistics(agency, from != null ? from : end.minus(Duration.ofDays(30)), end);
  }

  @GetMapping("/agencies/{agency}/breaches")
  @Operation(
      operationId = "listAgencyBreaches",
      summary = "The agency's SLA breaches",
      description =
          "Newest first: kind (step: a task late; service: a case late), application, task,"
              + " step, due date, when detected, escalated and resolved. For the agency's"
              + " officers and admins.")
  @ApiErrors({ErrorCode.AGENCY_ROLE_REQUIRED, ErrorCode.VALIDATION_FAILED})
  List<SlaMonitor.Breach> breaches(
      @Parameter(description = AGENCY, example = "dsd") @PathVariable("agency") String agency,
      @Parameter(description = "Only breaches not resolved yet.")
          @RequestParam(name = "open", defaultValue = "true")
          boolean open,
      @Parameter(description = "At most this many, 1 to 1000.")
          @RequestParam(name = "limit", defaultValue = "100")
          int limit,
      Caller caller) {
    Officers.requireWorksFor(caller, agency);
    return sla.breaches(agency, null, open, limit);
  }

  @GetMapping("/agencies/{agency}/roles")
  @Operation(
      operationId = "listAgencyRoles",
      summary = "The agency's role assignments",
      description =
          "Who holds which role (citizen ids masked) and the roles that may be assigned. For"
              + " the agency's admins.")
  @ApiErrors(ErrorCode.AGENCY_ROLE_REQUIRED)
  Map<String, Object> roles(
      @Parameter(description = AGENCY, example = "dsd") @PathVariable("agency") String agency,
      Caller caller) {
    return roles.list(caller, agency);
  }

  @PostMapping(path = "/agencies/{agency}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "assignAgencyRole",
      summary = "Assign a role",
      description =
          "Gives a person a role of the agency, effective at their next call; assigning a role"
              + " held already answers `changed` false. For the agency's admins.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = BackOfficeBodies.RoleAssignment.class)))
  @ApiErrors({
    ErrorCode.AGENCY_ROLE_REQUIRED,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.ROLE_NOT_ASSIGNABLE
  })
  Map<String, Object> assign(
      @Parameter(description = AGENCY, example = "dsd") @PathVariable("agency") String agency,
      @RequestBody JsonNode body,
      Caller caller) {
    return roles.assign(caller, agency, text(body, "citizenId"), text(body, "role"));
  }

  @DeleteMapping("/agencies/{agency}/roles/{citizenId}/{role}")
  @Operation(
      operationId = "revokeAgencyRole",
      summary = "Revoke a role",
      description =
          "Takes a role of the agency from a person; one they do not hold answers not_found."
              + " For the agency's admins.")
  @ApiErrors({
    ErrorCode.AGENCY_ROLE_REQUIRED,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.ROLE_NOT_ASSIGNABLE,
    ErrorCode.NOT_FOUND
  })
  Map<String, Object> revoke(
      @Parameter(description = AGENCY, example = "dsd") @PathVariable("agency") String agency,
      @Parameter(description = "The person's 13-digit citizen id.", example = "\"1101400765436\"")
          @PathVariable("citizenId")
          String citizenId,
      @Parameter(description = "The role.", example = "document_checker") @PathVariable("role")
          String role,
      Caller caller) {
    return roles.revoke(caller, agency, citizenId, role);
  }

  @GetMapping("/agencies/{agency}/audit")
  @Operation(
      operationId = "listAgencyAudit",
      summary = "The agency's back-office audit trail",
      description =
          "Newest first: who (masked) did what to which case or task, and how it ended"
              + " (succeeded, refused with its error code). For the agency's admins.")
  @ApiErrors({ErrorCode.AGENCY_ROLE_REQUIRED, ErrorCode.VALIDATION_FAILED})
  List<BackOfficeAudit.Entry> audit(
      @Parameter(description = AGENCY, example = "dsd") @PathVariable("agency") String agency,
      @Parameter(description = "Only this application.", example = "APP-20261124-7KQ2M9XD")
          @RequestParam(name = "applicationId", required = false)
          String applicationId,
      @Parameter(description = "Only this action.", example = "task.claim")
          @RequestParam(name = "action", required = false)
          String action,
      @Parameter(description = "At most this many, 1 to 1000.")
          @RequestParam(name = "limit", defaultValue = "100")
          int limit,
      Caller caller) {
    Officers.requireAdmin(caller, agency);
    if (limit < 1 || limit > 1000) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 1000");
    }
    return audit.list(new BackOfficeAudit.Filter(agency, applicationId, action, limit));
  }

  @PostMapping(path = "/licences/{id}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "revokeLicence",
      summary = "Revoke a licence",
      description =
          "Marks a licence the agency issued revoked (verification then answers `revoked`)"
              + " and tells the portal (`licence.revoked`). For the agency's admins; a licence"
              + " of another agency answers licence_not_found.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(schema = @Schema(implementation = BackOfficeBodies.LicenceRevocation.class)))
  @ApiErrors({
    ErrorCode.LICENCE_NOT_FOUND,
    ErrorCode.AGENCY_ROLE_REQUIRED,
    ErrorCode.VALIDATION_FAILED
  })
  Map<String, Object> revokeLicence(
      @Parameter(description = "The licence id.", example = "LIC-DSD-2026-4M8Q2ZK7XA")
          @PathVariable("id")
          String id,
      @RequestBody JsonNode body,
      Caller caller) {
    return Licences.publicView(licences.revoke(caller, id, text(body, "reason")));
  }
}
