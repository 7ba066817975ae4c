package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.hub.identity.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the hub takes the caller to be: identity, assurance level and roles. */
@RestController
@Tag(
    name = "Caller",
    description =
        "Who the hub takes the bearer of a Digital ID access token to be: a citizen (an officer is"
            + " a citizen with agency roles) or the portal backend itself.")
public class MeController {

  @Operation(
      operationId = "getMe",
      summary = "Who am I",
      description =
          "The identity the hub resolved from the access token (and, where the token lacks"
              + " `citizen_id` or `ial_level`, from Digital ID's userinfo, cached for the token's"
              + " life): `kind` is `citizen` or `portal_client`; a citizen also has `citizenId`,"
              + " names, `ialLevel` and `amr`. `operator` is the portal-operator role of the"
              + " token; `agencyRoles` are the agency role assignments kept by the hub (agency"
              + " code → roles such as `agency_officer`, `agency_admin`).")
  @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> me(Caller caller) {
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("kind", caller.kind().name().toLowerCase(java.util.Locale.ROOT));
    me.put("subject", caller.subject());
    if (caller.citizenId() != null) {
      me.put("citizenId", caller.citizenId());
      me.put("givenName", caller.givenName());
      me.put("familyName", caller.familyName());
      me.put("ialLevel", caller.ialLevel());
      me.put("amr", caller.amr());
    }
    me.put("operator", caller.operator());
    me.put("agencyRoles", caller.assignments());
    return me;
  }
}
