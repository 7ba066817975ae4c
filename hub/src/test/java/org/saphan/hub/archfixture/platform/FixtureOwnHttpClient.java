package org.saphan.hub.archfixture.platform;

import java.net.http.HttpClient;

/** Fixture: builds an HTTP client of its own instead of using the egress client. */
public final class FixtureOwnHttpClient {

  private FixtureOwnHttpClient() {}

  /** A client the egress rule must catch. */
  public static HttpClient client() {
    return HttpClient.newHttpClient();
  }
}
