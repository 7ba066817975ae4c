package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.component.direct.DirectEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RoutePolicySupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;

/**
 * The model-3 template as written in {@code routes/}, with its steps replaced by recording fakes:
 * the order of the steps, the payment branch, the transport choice, the skip of what is already
 * acknowledged, the failure classes of {@code saphan-delivery}, and node ids per instantiated
 * route.
 */
class Model3RouteTemplateTest {

  private static final List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static CamelContext camel;

  /** A {@code jms:} stand-in the test calls synchronously; it ignores the JMS parameters. */
  static final class SyncQueue extends DirectComponent {
    @Override
    protected Endpoint createEndpoint(
        String uri, String remaining, Map<String, Object> parameters) {
      parameters.clear();
      return new DirectEndpoint(uri, this) {
        @Override
        public boolean isLenientProperties() {
          return true;
        }
      };
    }
  }

  private static Processor step(String name) {
    return exchange -> steps.add(name);
  }

  @BeforeEach
  void clearSteps() {
    steps.clear();
  }

  @BeforeAll
  static void start() throws Exception {
    camel = new DefaultCamelContext();
    camel.addComponent("jms", new SyncQueue());
    var registry = camel.getRegistry();
    registry.bind("deliveryCircuit", new RoutePolicySupport() {});
    registry.bind(
        "routeFailureRecorder",
        new Object() {
          public void rolledBack(Exchange exchange) {
            steps.add("rolledBack");
          }

          public void record(Exchange exchange) {
            steps.add("record");
          }
        });
    registry.bind(
        "loadDelivery",
        (Processor)
            exchange -> {
              steps.add("load");
              String body = exchange.getMessage().getBody(String.class);
              exchange.setProperty(
                  Delivery.KIND, body.contains("payment") ? "payment" : "delivery");
              exchange.setProperty(Delivery.ACKNOWLEDGED, body.contains("acknowledged"));
              exchange.getMessage().setHeader("JMSMessageID", "ID:1");
            });
    registry.bind("skipAcknowledged", step("skip"));
    registry.bind(
        "countAttempt",
        (Processor)
            exchange -> {
              steps.add("count");
              if (exchange.getMessage().getBody(String.class).contains("crash")) {
                throw new IllegalStateException("database gone");
              }
            });
    registry.bind(
        "buildPaymentNotice",
        (Processor) exchange -> steps.add("notice:" + exchange.getProperty(Delivery.ADDRESS)));
    registry.bind(
        "mapRequest",
        (Processor) exchange -> steps.add("map:" + exchange.getProperty(Delivery.ADDRESS)));
    registry.bind(
        "signRequest",
        new Object() {
          public void sign(Exchange exchange, String policy, String algorithm) {
            steps.add("sign:" + policy + ":" + algorithm);
            exchange.getMessage().setHeader("X-Message-Id", "m");
          }
        });
    registry.bind(
        "sendRest",
        (Processor) exchange -> steps.add("rest:" + exchange.getMessage().getHeaders().keySet()));
    registry.bind("sendSoap", step("soap"));
    registry.bind(
        "readAnswer",
        (Processor)
            exchange -> {
              steps.add("read");
              String body = exchange.getMessage().getBody(String.class);
              if (body != null && body.contains("contract")) {
                throw DeliveryFailure.contractFault(ErrorCode.AGENCY_REJECTED_REQUEST, "422");
              }
              if (body != null && body.contains("down")) {
                throw DeliveryFailure.transientFailure(ErrorCode.AGENCY_UNAVAILABLE, "503", null);
              }
            });
    registry.bind("recordDelivery", step("recordDelivery"));
    registry.bind("queueExport", step("queueExport"));
    registry.bind("recordPaymentNotice", step("recordPaymentNotice"));
    registry.bind(
        "deliveryFailures",
        new Object() {
          public boolean isFinal(Exchange exchange) {
            return exchange.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof DeliveryFailure f
                && f.kind() == DeliveryFailure.Kind.CONTRACT;
          }

          public void deadLetter(Exchange exchange) {
            steps.add("deadLetter");
          }

          public void retry(Exchange exchange) {
            steps.add("retry");
          }
        });
    Path home = Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
    var loader = PluginHelper.getRoutesLoader(camel);
    loader.loadRoutes(
        ResourceHelper.resolveResource(
            camel, "file:" + home.resolve("routes/error-handling.camel.yaml")));
    loader.loadRoutes(
        ResourceHelper.resolveResource(
            camel, "file:" + home.resolve("routes/model3-api-share.camel.yaml")));
    camel.start();
    add("a", "rest", "jws", "ES256");
    add("b", "soap", "xmldsig", "RSA-SHA256");
    add("c", "batch", "cms", "RSA-SHA256");
  }

  private static void add(String connector, String transport, String policy, String algorithm)
      throws Exception {
    TemplatedRouteBuilder.builder(camel, "model3-api-share")
        .routeId(connector + "-model3-api-share")
        .prefixId(connector + "-model3-api-share-")
        .parameter("connector", connector)
        .parameter("queue", "saphan.deliver." + connector)
        .parameter("transport", transport)
        .parameter("endpoint", transport.equals("batch") ? "" : "https://" + connector + "/apply")
        .parameter("paymentEndpoint", transport.equals("soap") ? "https://b/pay" : "")
        .parameter("signingPolicy", policy)
        .parameter("signingAlgorithm", algorithm)
        .parameter("ratePerSecond", "5")
        .parameter("concurrency", "2")
        .add();
  }

  @AfterAll
  static void stop() {
    camel.stop();
  }

  private Exchange send(String connector, String body) {
    Endpoint from = camel.getRoute(connector + "-model3-api-share").getEndpoint();
    return camel.createProducerTemplate().send(from, e -> e.getMessage().setBody(body));
  }

  @Test
  void shouldRunEachStepInOrderWhenAnApplicationIsDeliveredOverRest() {
    // when
    Exchange done = send("a", "{}");
    // then: the application's address, only the X-* headers at the agency's door
    assertThat(done.getException()).isNull();
    assertThat(steps)
        .containsExactly(
            "load",
            "count",
            "map:https://a/apply",
            "sign:jws:ES256",
            "rest:[X-Message-Id]",
            "read",
            "recordDelivery");
  }

  @Test
  void shouldTakeThePaymentBranchAndTheSoapTransportWhenAPaymentNoticeGoesToASoapAgency() {
    // when
    Exchange done = send("b", "payment");
    // then
    assertThat(done.getException()).isNull();
    assertThat(steps)
        .containsExactly(
            "load",
            "count",
            "notice:https://b/pay",
            "map:https://b/pay",
            "sign:xmldsig:RSA-SHA256",
            "soap",
            "read",
            "recordPaymentNotice");
  }

  @Test
  void shouldQueueTheMappedRecordAndStopWhenTheAgencyTakesFiles() {
    // when
    Exchange done = send("c", "{}");
    // then: no per-message signature, rate limit, call or acknowledgement
    assertThat(done.getException()).isNull();
    assertThat(steps).containsExactly("load", "count", "map:", "queueExport");
  }

  @Test
  void shouldSendNothingWhenTheMessageWasAlreadyAcknowledged() {
    Exchange done = send("a", "acknowledged");
    assertThat(done.getException()).isNull();
    assertThat(steps).containsExactly("load", "skip");
  }

  @Test
  void shouldDeadLetterAndConsumeTheMessageWhenTheFailureIsFinal() {
    // when: the agency refuses the request the hub built (a contract fault)
    Exchange done = send("a", "contract");
    // then: handled (the broker message is consumed), nothing recorded as delivered
    assertThat(done.getException()).isNull();
    assertThat(steps).endsWith("read", "deadLetter").doesNotContain("recordDelivery", "retry");
  }

  @Test
  void shouldRecordTheAttemptAndRollBackWhenTheAgencyIsDown() {
    // when
    Exchange done = send("a", "down");
    // then: the failure stays on the exchange, so the transacted consumer rolls back
    assertThat(done.getException())
        .isInstanceOfSatisfying(
            DeliveryFailure.class, f -> assertThat(f.code()).isEqualTo("agency_unavailable"));
    assertThat(steps).endsWith("read", "retry").doesNotContain("deadLetter", "rolledBack");
  }

  @Test
  void shouldRollBackThroughTheBrokerRedeliveryPolicyWhenAStepFailsUnexpectedly() {
    Exchange done = send("a", "crash");
    assertThat(done.getException()).isInstanceOf(IllegalStateException.class);
    assertThat(steps).containsExactly("load", "count", "rolledBack");
  }

  @Test
  void shouldNameEachStepsNodeAfterItsRouteWhenTheTemplateIsInstantiatedTwice() throws Exception {
    // then: JMX (and so Hawtio) shows <route id>-<step id> for both routes
    Set<String> names = new HashSet<>();
    for (ObjectName name :
        ManagementFactory.getPlatformMBeanServer()
            .queryNames(
                new ObjectName(
                    "org.apache.camel:context=" + camel.getManagementName() + ",type=processors,*"),
                null)) {
      names.add(ObjectName.unquote(name.getKeyProperty("name")));
    }
    for (String step :
        List.of(
            "load",
            "skip",
            "countAttempt",
            "kind",
            "paymentNotice",
            "map",
            "sign",
            "agencyHeaders",
            "rateLimit",
            "transport",
            "sendSoap",
            "sendRest",
            "readAnswer",
            "recordDelivery",
            "recordPaymentNotice")) {
      assertThat(names).contains("a-model3-api-share-" + step, "b-model3-api-share-" + step);
    }
  }
}
