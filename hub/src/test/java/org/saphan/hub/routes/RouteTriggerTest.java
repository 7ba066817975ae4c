package org.saphan.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.platform.SaphanProperties;
import org.springframework.mock.env.MockEnvironment;

/**
 * A scheduled route's work runs inside {@link OncePerCluster} (the cluster lock named by the route
 * id), and operators' {@link RouteTrigger} runs the same steps now.
 */
class RouteTriggerTest {

  private static final String ROUTE = "led-bankruptcy-check-model1-link-out";

  // One context for the class (starting Camel is most of the run time); each test resets these.
  private static final List<String> outcomes = new ArrayList<>();
  private static DefaultCamelContext camel;
  private static boolean lockFree;
  private static RuntimeException failure;

  @BeforeAll
  static void startRoute() throws Exception {
    camel = new DefaultCamelContext();
    camel.getRegistry().bind("oncePerCluster", new OncePerCluster(new TestLock()));
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            errorHandler(noErrorHandler());
            from("direct:probe")
                .routeId(ROUTE)
                .policy("oncePerCluster")
                .process(
                    exchange -> {
                      if (failure != null) {
                        throw failure;
                      }
                      exchange.getMessage().setBody("probed");
                    })
                .end();
          }
        });
    camel.start();
  }

  @BeforeEach
  void reset() {
    outcomes.clear();
    lockFree = true;
    failure = null;
  }

  @AfterAll
  static void stopRoute() throws Exception {
    camel.close();
  }

  /** The lock as ClusterLock runs it, without a database: the work when free, its outcome noted. */
  private static final class TestLock extends ClusterLock {

    TestLock() {
      super(
          null,
          new NodeIdentity(nodeNamed("test"), new MockEnvironment()),
          new SimpleMeterRegistry());
    }

    private static SaphanProperties nodeNamed(String name) {
      SaphanProperties properties = new SaphanProperties();
      properties.setNodeName(name);
      return properties;
    }

    @Override
    public <T> Outcome<T> callIfFree(String jobName, Supplier<T> work) {
      assertThat(jobName).isEqualTo(ROUTE);
      if (!lockFree) {
        return new Outcome<>(false, Optional.empty());
      }
      try {
        T result = work.get();
        outcomes.add("succeeded");
        return new Outcome<>(true, Optional.ofNullable(result));
      } catch (RuntimeException e) {
        outcomes.add("failed");
        throw e;
      }
    }
  }

  @Test
  void shouldRunAStartedRouteWhenTheJobSchedulerFiresIt() {
    // when
    boolean ran = new RouteTrigger(camel).fireScheduled(ROUTE);
    // then
    assertThat(ran).isTrue();
    assertThat(outcomes).containsExactly("succeeded");
  }

  @Test
  void shouldSkipAStoppedRouteWhenTheJobSchedulerFiresIt() throws Exception {
    // given: an operator stopped the route
    camel.getRouteController().stopRoute(ROUTE);
    try {
      // when
      boolean ran = new RouteTrigger(camel).fireScheduled(ROUTE);
      // then
      assertThat(ran).isFalse();
      assertThat(outcomes).isEmpty();
    } finally {
      camel.getRouteController().startRoute(ROUTE);
    }
  }

  @Test
  void shouldRunTheRoutesStepsUnderItsClusterLockWhenTriggered() {
    // when
    String body = new RouteTrigger(camel).runNow(ROUTE, String.class);
    // then
    assertThat(body).isEqualTo("probed");
    assertThat(outcomes).containsExactly("succeeded");
  }

  @Test
  void shouldSkipTheStepsWhenAnotherNodeHoldsTheLock() {
    // given
    lockFree = false;
    // when
    String body = new RouteTrigger(camel).runNow(ROUTE, String.class);
    // then
    assertThat(body).isNull();
    assertThat(outcomes).isEmpty();
  }

  @Test
  void shouldRecordTheRunFailedAndAnswerTheStepsErrorWhenAStepFails() {
    // given
    failure = SaphanException.validation(ErrorCode.UPSTREAM_UNAVAILABLE, "agency down");
    // when / then
    assertThatThrownBy(() -> new RouteTrigger(camel).runNow(ROUTE, String.class))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
    assertThat(outcomes).containsExactly("failed");
  }

  @Test
  void shouldAnswerInternalErrorWhenAStepFailsWithAForeignException() {
    // given
    failure = new IllegalStateException("bug");
    // when / then
    assertThatThrownBy(() -> new RouteTrigger(camel).runNow(ROUTE, String.class))
        .isInstanceOfSatisfying(
            SaphanException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
  }

  @Test
  void shouldAnswerNotFoundWhenTheConnectorHasNoSuchRoute() {
    assertThatThrownBy(() -> new RouteTrigger(camel).runNow("x-model1-link-out", String.class))
        .isInstanceOfSatisfying(
            SaphanException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
