package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.apache.camel.CamelContext;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.saphan.catalog.Catalog;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.ops.ConnectorValidation;
import org.saphan.hub.ops.HubStartRecorder;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.routes.RouteTrigger;

class OpsControllerTest {

  private final Catalog catalog = mock(Catalog.class);
  private final RouteTrigger trigger = mock(RouteTrigger.class);
  private final OpsController controller =
      new OpsController(
          mock(NodeIdentity.class),
          mock(HubStartRecorder.class),
          catalog,
          mock(CamelContext.class),
          mock(ConnectorValidation.class),
          trigger);

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
    verifyNoInteractions(trigger);
  }
}
