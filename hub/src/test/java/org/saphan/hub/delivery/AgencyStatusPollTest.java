package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class AgencyStatusPollTest {

  @Test
  void shouldFailWithUpstreamUnavailableWhenThePollCallFailsTransiently() {
    // given: the agency is down (the delivery's transient class)
    DeliveryFailure failure =
        DeliveryFailure.transientFailure(
            ErrorCode.AGENCY_UNAVAILABLE, "status poll: HTTP 503", null);
    // when
    SaphanException failed = AgencyStatusPoll.failed(failure);
    // then
    assertThat(failed.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
    assertThat(failed).hasMessage("status poll: HTTP 503").hasCause(failure);
  }

  @Test
  void shouldFailWithUpstreamBadResponseWhenTheAgencyAnswersTheContractWrong() {
    // given: a soap:Client fault (a contract fault)
    DeliveryFailure failure =
        DeliveryFailure.contractFault(
            ErrorCode.AGENCY_REJECTED_REQUEST, "status poll: soap:Client");
    // when
    SaphanException failed = AgencyStatusPoll.failed(failure);
    // then
    assertThat(failed.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
    assertThat(failed).hasMessage("status poll: soap:Client").hasCause(failure);
  }
}
