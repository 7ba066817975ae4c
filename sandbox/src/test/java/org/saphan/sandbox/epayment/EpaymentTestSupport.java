package org.saphan.sandbox.epayment;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.saphan.sandbox.SandboxTestBase;
import org.saphan.sandbox.TestHub;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The shared sandbox context with the {@code epayment} party key (made with Bouncy Castle) in its
 * key directory, and a stand-in for the hub's notification endpoint on the test hub. Before each
 * test, the notifications still in flight are let settle, then the simulator and the stand-in are
 * reset.
 */
abstract class EpaymentTestSupport extends SandboxTestBase {

  static final String BILLER = "099400098765001";

  @Autowired TestRestTemplate rest;

  /** Made once per JVM, like the shared context that reads the key and calls the hub. */
  private static final class Parties {
    static final TestKeys KEYS = TestKeys.shared().copyTo(keysDir());
    static final HubStub HUB = HubStub.mountedOn(TestHub.get());
  }

  static TestKeys keys() {
    return Parties.KEYS;
  }

  static HubStub hub() {
    return Parties.HUB;
  }

  @BeforeEach
  void resetSimulator() {
    // The key is in place before the first payment (the gateway reads it on first use).
    keys();
    // A notification of an earlier test must not reach this test's stand-in after the reset.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              for (JsonNode delivery : notifications()) {
                if ("pending".equals(delivery.path("outcome").asText())) {
                  return false;
                }
              }
              return true;
            });
    rest.postForEntity("/sandbox/v1/epayment/reset", null, Void.class);
    hub().reset();
  }

  /** Pays {@code amount} for {@code ref1} as citizen-somchai with a dynamic Thai QR. */
  ResponseEntity<JsonNode> payQr(String ref1, String amount) {
    String qr = new BillPaymentQr(BILLER, ref1, null, new BigDecimal(amount)).toPayload();
    return pay(Map.of("qrPayload", qr, "payer", "citizen-somchai"));
  }

  ResponseEntity<JsonNode> pay(Map<String, ?> body) {
    return rest.postForEntity("/sandbox/v1/epayment/payments", body, JsonNode.class);
  }

  ResponseEntity<JsonNode> faults(Map<String, ?> body) {
    return rest.postForEntity("/sandbox/v1/epayment/faults", body, JsonNode.class);
  }

  JsonNode notifications() {
    return rest.getForObject("/sandbox/v1/epayment/notifications", JsonNode.class);
  }

  static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
