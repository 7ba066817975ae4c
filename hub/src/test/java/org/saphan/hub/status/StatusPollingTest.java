package org.saphan.hub.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class StatusPollingTest {

  @Test
  void shouldCountAFailedPollAndGoOnWhenTheAgencyCallFails() {
    // given: two open applications; the agency fails the first poll and answers the second
    Catalog catalog = mock(Catalog.class);
    ConnectorCard card = mock(ConnectorCard.class);
    when(card.name()).thenReturn("dcy-newborn-grant");
    when(catalog.get("dcy-newborn-grant")).thenReturn(card);
    ApplicationStore store = mock(ApplicationStore.class);
    Application first = application("APP-1");
    Application second = application("APP-2");
    when(store.open("dcy-newborn-grant", StatusPolling.BATCH)).thenReturn(List.of(first, second));
    AgencyStatusIntake intake = mock(AgencyStatusIntake.class);
    AgencyStatusQuery.Exchange report =
        new AgencyStatusQuery.Exchange(
            "<report/>",
            "<report/>".getBytes(StandardCharsets.UTF_8),
            "cd".repeat(32),
            "enveloped:kid-1",
            "kid-1");
    when(intake.polled(second, card, report, true))
        .thenReturn(
            new AgencyStatusIntake.Outcome(
                "APP-2", CanonicalStatus.APPROVED, StatusRecorder.Result.RECORDED));
    AgencyStatusQuery agency =
        (c, application) -> {
          if (application == first) {
            throw SaphanException.system(ErrorCode.UPSTREAM_UNAVAILABLE, "HTTP 503", null);
          }
          return report;
        };
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    StatusPolling polling = new StatusPolling(catalog, store, agency, intake, meters);
    // when
    int changed = polling.poll("dcy-newborn-grant");
    // then
    assertThat(changed).isEqualTo(1);
    assertThat(
            meters
                .counter(
                    "saphan.status.polls", "connector", "dcy-newborn-grant", "outcome", "failed")
                .count())
        .isEqualTo(1.0);
    assertThat(
            meters
                .counter(
                    "saphan.status.polls", "connector", "dcy-newborn-grant", "outcome", "changed")
                .count())
        .isEqualTo(1.0);
    verify(intake).polled(second, card, report, true);
  }

  private static Application application(String id) {
    Instant now = Instant.parse("2025-03-14T03:00:00Z");
    return new Application(
        id,
        UUID.randomUUID(),
        "svc",
        "dcy-newborn-grant",
        3,
        "DCY",
        "1101700230705",
        CanonicalStatus.RECEIVED,
        null,
        null,
        "DCY-" + id,
        now,
        now,
        now,
        0,
        null);
  }
}
