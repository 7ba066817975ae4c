package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.support.SampleCatalog;

/** The refusals of the batch export operations, before any route or query runs. */
class OpsBatchExportControllerTest {

  private final OpsBatchExportController controller =
      new OpsBatchExportController(SampleCatalog.get(), null, null);

  @Test
  void shouldRefuseWithConnectorNotFoundWhenNoCardHasTheName() {
    assertThatThrownBy(() -> controller.run("no-such-card"))
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(ErrorCode.CONNECTOR_NOT_FOUND);
  }

  @Test
  void shouldRefuseWithValidationFailedWhenTheLimitIsOutOfRange() {
    assertThatThrownBy(() -> controller.list(null, 0))
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
  }
}
