package org.saphan.hub.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.saphan.hub.SaphanApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the sandbox profile the hub never starts on a throwaway database or broker. */
class StartupRefusedTest {

  @Test
  void shouldRefuseToStartWhenNoDatabaseOrBrokerConfiguredOutsideSandbox() {
    // given
    SpringApplicationBuilder hub =
        new SpringApplicationBuilder(SaphanApplication.class)
            .profiles("production")
            .properties("server.port=0", "spring.datasource.url=", "spring.artemis.broker-url=");
    // when / then
    assertThatThrownBy(hub::run)
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("refuses to start outside the sandbox profile")
        .hasMessageContaining(
            "database: spring.datasource.url (env SPRING_DATASOURCE_URL) is not set")
        .hasMessageContaining(
            "broker: spring.artemis.broker-url (env SPRING_ARTEMIS_BROKER_URL) is not set");
  }

  @Test
  void shouldRefuseToStartWhenOnlyBrokerMissingOutsideSandbox() {
    // given
    SpringApplicationBuilder hub =
        new SpringApplicationBuilder(SaphanApplication.class)
            .properties(
                "server.port=0",
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                "spring.artemis.broker-url=");
    // when / then
    assertThatThrownBy(hub::run)
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("broker: spring.artemis.broker-url")
        .hasMessageNotContaining("database:");
  }
}
