package org.saphan.hub.archfixture.api;

/** Fixture: an api-layer class (the top layer). */
public class FixtureApiController {

  public String answer() {
    return "ok";
  }
}
