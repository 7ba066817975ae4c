package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.saphan.hub.security.egress.HostResolver;
import org.saphan.hub.security.egress.TestEgress;

/** A delivery whose agency host resolves to an internal address never leaves the hub. */
class RestTransportEgressTest {

  @Test
  void shouldFailPermanentlyWithEgressRefusedWhenAgencyHostResolvesToMetadata() {
    // given: a DNS that answers the cloud metadata address for the agency's host
    List<String> lookups = new CopyOnWriteArrayList<>();
    HostResolver dns =
        host -> {
          lookups.add(host);
          return new InetAddress[] {
            InetAddress.getByAddress(
                host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})
          };
        };
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RestTransport rest = new RestTransport(TestEgress.strict(dns, meters), Duration.ofSeconds(2));

    // when / then
    assertThatThrownBy(
            () ->
                rest.post(
                    "dcy-newborn-grant",
                    URI.create("https://api.dcy.example.go.th/newborn-grant/v1/applications"),
                    "{}".getBytes(StandardCharsets.UTF_8),
                    Map.of("X-Api-Key", "test-key")))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            failure -> {
              assertThat(failure.code()).isEqualTo("egress_refused");
              assertThat(failure.isTransient()).isFalse();
              assertThat(failure.getMessage())
                  .contains("dcy-newborn-grant")
                  .contains("api.dcy.example.go.th resolves to 169.254.169.254")
                  .doesNotContain("test-key");
            });
    assertThat(lookups).containsExactly("api.dcy.example.go.th");
    assertThat(
            meters
                .counter(
                    "saphan.egress.refused",
                    "party",
                    "dcy-newborn-grant",
                    "reason",
                    "address_not_allowed")
                .count())
        .isEqualTo(1.0);
  }
}
