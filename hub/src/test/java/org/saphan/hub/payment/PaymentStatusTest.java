package org.saphan.hub.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saphan.hub.payment.PaymentStatus.GatewayStatus;

class PaymentStatusTest {

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "CREATED, PENDING, PENDING",
    "CREATED, PAID, PAID",
    "CREATED, FAILED, FAILED",
    "PENDING, PAID, PAID",
    "PENDING, FAILED, FAILED",
    "EXPIRED, PAID, PAID",
    "FAILED, PAID, PAID",
    "PAID, REFUNDED, REFUNDED"
  })
  void shouldMoveWhenTheTransitionIsInTheStateMachine(
      PaymentStatus from, GatewayStatus event, PaymentStatus to) {
    assertThat(from.on(event)).contains(to);
  }

  @ParameterizedTest(name = "{0} + {1} stays")
  @CsvSource({
    "PAID, PENDING",
    "PAID, FAILED",
    "PAID, PAID",
    "PENDING, PENDING",
    "CREATED, REFUNDED",
    "REFUNDED, PAID",
    "REFUNDED, PENDING",
    "EXPIRED, PENDING",
    "FAILED, PENDING"
  })
  void shouldNotMoveWhenTheEventArrivesOutOfOrderOrRepeats(
      PaymentStatus from, GatewayStatus event) {
    assertThat(from.on(event)).isEmpty();
  }

  @Test
  void shouldBeFinishedWhenNoPaymentIsAwaited() {
    assertThat(PaymentStatus.CREATED.finished()).isFalse();
    assertThat(PaymentStatus.PENDING.finished()).isFalse();
    assertThat(PaymentStatus.PAID.finished()).isTrue();
    assertThat(PaymentStatus.EXPIRED.finished()).isTrue();
    assertThat(PaymentStatus.FAILED.finished()).isTrue();
    assertThat(PaymentStatus.REFUNDED.finished()).isTrue();
  }

  @Test
  void shouldExpireOnlyWhenTheOrderStillAwaitsPayment() {
    assertThat(PaymentStatus.CREATED.expirable()).isTrue();
    assertThat(PaymentStatus.PENDING.expirable()).isTrue();
    assertThat(PaymentStatus.PAID.expirable()).isFalse();
  }
}
