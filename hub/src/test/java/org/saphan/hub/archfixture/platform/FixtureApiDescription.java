package org.saphan.hub.archfixture.platform;

import io.swagger.v3.oas.models.Operation;

/** Fixture: a platform class describing an operation, which only the api layer may do. */
public class FixtureApiDescription {

  public Operation describe() {
    return new Operation().operationId("fixture");
  }
}
