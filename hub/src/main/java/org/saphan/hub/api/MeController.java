package org.saphan.hub.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.hub.identity.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the hub takes the caller to be: identity, assurance level and roles. */
@RestController
public class MeController {

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
