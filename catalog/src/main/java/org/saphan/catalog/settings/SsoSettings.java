package org.saphan.catalog.settings;

import java.net.URI;
import java.util.List;

/**
 * The card's {@code sso} block: single sign-on to the agency e-service through Digital ID (model
 * 2).
 *
 * @param audience the agency's identifier, the {@code aud} of the assertion
 * @param claims the identity claims the agency receives
 * @param minimumIal the lowest identity assurance level accepted ({@code 1.1} to {@code 3})
 * @param redirectUrl where the citizen's browser posts the assertion
 */
public record SsoSettings(
    String audience, List<String> claims, String minimumIal, URI redirectUrl) {

  public SsoSettings {
    claims = List.copyOf(claims);
  }
}
