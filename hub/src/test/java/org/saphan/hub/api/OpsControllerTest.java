package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.saphan.catalog.Catalog;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class OpsControllerTest {

  private final Catalog catalog = mock(Catalog.class);
  // Only the catalog is consulted before refusing: a call that reached the trigger would fail on
  // null instead of answering connector_not_found.
  private final OpsController controller = new OpsController(null, null, catalog, null, null, null);

  @ParameterizedTest
  @ValueSource(strings = {"refresh-info", "probe", "poll"})
  void shouldRefuseWithConnectorNotFoundWhenTheCatalogHasNoSuchConnector(String action) {
    // given
    when(catalog.find("no-such-connector")).thenReturn(Optional.empty());
    ThrowingCallable call =
        switch (action) {
          case "refresh-info" -> () -> controller.refreshInfo("no-such-connector");
          case "probe" -> () -> controller.probe("no-such-connector");
          default -> () -> controller.poll("no-such-connector");
        };
    // when / then
    assertThatThrownBy(call)
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(ErrorCode.CONNECTOR_NOT_FOUND);
  }
}
