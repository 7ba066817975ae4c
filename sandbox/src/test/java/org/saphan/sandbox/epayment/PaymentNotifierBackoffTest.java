package org.saphan.sandbox.epayment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;

class PaymentNotifierBackoffTest {

  @Test
  void shouldDoubleTheWaitUpTo30SecondsWhenAttemptsKeepFailing() {
    // given the default settings: 500 ms, times 2, at most 30 s
    EpaymentProperties properties =
        new Binder(ConfigurationPropertySources.get(new MockEnvironment()))
            .bindOrCreate("sandbox.epayment", Bindable.of(EpaymentProperties.class));
    PaymentNotifier notifier =
        new PaymentNotifier(
            null,
            null,
            URI.create("http://localhost"),
            null,
            null,
            null,
            properties,
            Clock.systemUTC());

    // when / then
    assertThat(notifier.backoff(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(notifier.backoff(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(notifier.backoff(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(notifier.backoff(7)).isEqualTo(Duration.ofSeconds(30));
    assertThat(notifier.backoff(19)).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.maxAttempts()).isEqualTo(20);
  }
}
