package org.saphan.hub.archfixture.platform;

import org.saphan.hub.archfixture.api.FixtureApiController;

/** Fixture: a platform class that wrongly calls up into the api layer. */
public class FixturePlatformService {

  public String leak() {
    return new FixtureApiController().answer();
  }
}
