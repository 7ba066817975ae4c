package org.saphan.hub.routes;

import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.identity.Caller;
import org.springframework.stereotype.Component;

/**
 * Which of the citizen's claims leave the hub in a model-2 assertion: the card's {@code
 * sso.claims}, and only those the citizen has.
 */
@Component
public class ClaimRelease {

  /** The claims to release for this citizen to this card's agency. */
  public Map<String, Object> claimsFor(Caller caller, ConnectorCard card) {
    Map<String, Object> released = new LinkedHashMap<>();
    card.at("/sso/claims")
        .forEach(
            name -> {
              String claim = name.asText();
              if (SsoAssertions.RELEASABLE.contains(claim)) {
                caller.claim(claim).ifPresent(value -> released.put(claim, value));
              }
            });
    return released;
  }
}
