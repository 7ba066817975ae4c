package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.saphan.hub.platform.StartupRefusedException;
import org.saphan.hub.security.egress.TestEgress;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.mock.env.MockEnvironment;

/** Settings validation and the resolution of the GDX credentials, without a Spring context. */
class GdxConfigurationTest {

  private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
  private static final Validator VALIDATOR = FACTORY.getValidator();

  @AfterAll
  static void closeFactory() {
    FACTORY.close();
  }

  private static Set<String> violations(GdxProperties properties) {
    return VALIDATOR.validate(properties).stream()
        .map(ConstraintViolation::getMessage)
        .collect(Collectors.toSet());
  }

  @Test
  void shouldAcceptTheDefaultsWhenGdxIsNotConfigured() {
    // when / then
    assertThat(violations(new GdxProperties())).isEmpty();
  }

  @Test
  void shouldRefuseTheAgentIdWhenGdxIsConfiguredAndTheAgentIdIsNotACitizenId() {
    // given
    GdxProperties properties = GdxFixtures.properties(URI.create("https://trial.example"));
    properties.setAgentId("1103700112236");
    // when / then
    assertThat(violations(properties)).anyMatch(m -> m.contains("saphan.gdx.agent-id"));
  }

  @Test
  void shouldRefuseARenewMarginThatLeavesNoLifetimeWhenConfigured() {
    // given
    GdxProperties properties = GdxFixtures.properties(URI.create("https://trial.example"));
    properties.setTokenRenewMargin(Duration.ofMinutes(60));
    // when / then
    assertThat(violations(properties)).anyMatch(m -> m.contains("token-renew-margin"));
  }

  @Test
  void shouldRefuseAZeroBackoffAndOpenDurationWhenConfigured() {
    // given: Resilience4j needs a wait to double and an open duration to wait out
    GdxProperties properties = GdxFixtures.properties(URI.create("https://trial.example"));
    properties.setRetryBackoff(Duration.ZERO);
    properties.setBreakerOpenDuration(Duration.ofMillis(999));
    // when / then
    assertThat(violations(properties))
        .contains(
            "saphan.gdx.retry-backoff must be at least 1 ms",
            "saphan.gdx.breaker-open-duration must be at least 1 s");
  }

  @Test
  void shouldRefuseTheBaseUrlWhenItIsNotAnHttpUrl() {
    // given
    GdxProperties properties = GdxFixtures.properties(URI.create("ftp://trial.example"));
    // when / then
    assertThat(violations(properties)).anyMatch(m -> m.contains("saphan.gdx.base-url"));
  }

  @Test
  void shouldLeaveGdxOffWhenTheBaseUrlIsEmpty() {
    // given
    ConditionContext context = mock(ConditionContext.class);
    MockEnvironment empty = new MockEnvironment().withProperty("saphan.gdx.base-url", " ");
    MockEnvironment given =
        new MockEnvironment().withProperty("saphan.gdx.base-url", "https://trial.example");
    GdxConfiguration.BaseUrlGiven condition = new GdxConfiguration.BaseUrlGiven();
    // when / then
    when(context.getEnvironment()).thenReturn(empty);
    assertThat(condition.matches(context, null)).isFalse();
    when(context.getEnvironment()).thenReturn(given);
    assertThat(condition.matches(context, null)).isTrue();
  }

  @Test
  void shouldRefuseToStartNamingTheVariablesWhenTheCredentialsAreMissing() {
    // given
    MockEnvironment environment =
        new MockEnvironment().withProperty("SAPHAN_GDX_CONSUMER_KEY", "test-gdx-consumer-key");
    GdxProperties properties = GdxFixtures.properties(URI.create("https://trial.example"));
    // when / then
    assertThatThrownBy(
            () ->
                new GdxConfiguration()
                    .gdxClient(properties, environment, Clock.systemUTC(), TestEgress.loopback()))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("SAPHAN_GDX_CONSUMER_SECRET")
        .hasMessageNotContaining("SAPHAN_GDX_CONSUMER_KEY")
        .hasMessageNotContaining("test-gdx-consumer-key");
  }

  @Test
  void shouldBuildTheClientWhenTheCredentialsAreInTheEnvironment() {
    // given
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("SAPHAN_GDX_CONSUMER_KEY", "test-gdx-consumer-key")
            .withProperty("SAPHAN_GDX_CONSUMER_SECRET", "test-gdx-consumer-secret");
    GdxProperties properties = GdxFixtures.properties(URI.create("https://trial.example"));
    // when
    GdxClient client =
        new GdxConfiguration()
            .gdxClient(properties, environment, Clock.systemUTC(), TestEgress.loopback());
    // then
    assertThat(client.circuitState()).isEqualTo("closed");
    assertThat(client.toString()).doesNotContain("test-gdx-consumer");
  }
}
