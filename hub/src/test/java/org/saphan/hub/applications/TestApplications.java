package org.saphan.hub.applications;

import java.time.Instant;
import java.util.UUID;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.platform.Json;

/** Applications for tests that need one without a database: the sandbox's DCY test citizen. */
public final class TestApplications {

  private TestApplications() {}

  /** A submitted model-3 application of connector {@code test-card}, not yet delivered. */
  public static Application submitted(String id) {
    return new Application(
        id,
        UUID.randomUUID(),
        "1-001",
        "test-card",
        3,
        "dcy",
        "3101200456789",
        CanonicalStatus.SUBMITTED,
        Json.strict().createObjectNode(),
        null,
        null,
        Instant.EPOCH,
        Instant.EPOCH,
        Instant.EPOCH,
        0,
        null);
  }
}
